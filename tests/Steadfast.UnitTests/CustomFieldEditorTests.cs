using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;
using Steadfast.Platform.CustomFields;

namespace Steadfast.UnitTests;

public sealed class CustomFieldEditorTests
{
    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(Strings.Localizer());
        ctx.Services.AddSingleton<IStringLocalizer<Platform.Localization.Strings>>(Strings.Localizer());
        return ctx;
    }

    [Fact]
    public async Task Renders_one_input_per_field_in_the_users_language_and_writes_typed_values()
    {
        await using var ctx = NewContext();
        using var _ = Strings.Culture("zh-CN");
        var values = new Dictionary<string, JsonElement>();
        var definitions = new List<CustomFieldDefinition>
        {
            new()
            {
                Key = "employee_no",
                LabelEn = "Employee no.",
                LabelZh = "工号",
                Type = CustomFieldType.Text,
                Required = true,
            },
            new()
            {
                Key = "years",
                LabelEn = "Years",
                LabelZh = "工龄",
                Type = CustomFieldType.Number,
            },
        };
        var cut = ctx.Render<CustomFieldEditor>(p =>
            p.Add(c => c.Definitions, definitions)
                .Add(c => c.Values, values)
                .Add(c => c.Errors, new Dictionary<string, string[]> { ["customFields.years"] = ["应为数字"] })
        );

        Assert.Contains("工号 *", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("应为数字", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll("[data-testid^=cf-]").Count);

        cut.Find("[data-testid=cf-employee_no] input").Change("E-1024");
        Assert.Equal("E-1024", values["employee_no"].GetString());
    }
}
