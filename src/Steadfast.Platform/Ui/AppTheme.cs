using MudBlazor;

namespace Steadfast.Platform.Ui;

public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fbf",
            Secondary = "#0f9d8a",
            Tertiary = "#f29f05",
            AppbarBackground = "#0f2f5c",
            AppbarText = "#ffffff",
            Background = "#f5f7fb",
            DrawerBackground = "#ffffff",
            DrawerText = "#23324a",
            DrawerIcon = "#4a5b78",
            TextPrimary = "#1c2536",
            TextSecondary = "#5b6b85",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily =
                [
                    "-apple-system",
                    "BlinkMacSystemFont",
                    "Segoe UI",
                    "PingFang SC",
                    "Hiragino Sans GB",
                    "Microsoft YaHei",
                    "Noto Sans CJK SC",
                    "Helvetica Neue",
                    "Arial",
                    "sans-serif",
                ],
            },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "232px" },
    };
}
