using Steadfast.Platform.Identity;
using Steadfast.Platform.Ui;

namespace Steadfast.Automation.Tasks;

/// <summary>A top-bar count for staff, read at once and then every half minute, like the bell.</summary>
public abstract class PolledBadge : AppComponentBase, IDisposable
{
    private System.Threading.Timer? _timer;

    protected abstract Task RefreshAsync();

    protected override async Task OnInitializedAsync()
    {
        var user = await Services.UserAsync();
        if (!Roles.Internal.Any(user.IsInRole))
            return;
        await RefreshAsync();
        _timer = new System.Threading.Timer(
            _ =>
                InvokeAsync(async () =>
                {
                    await RefreshAsync();
                    StateHasChanged();
                }),
            null,
            TimeSpan.FromSeconds(30),
            TimeSpan.FromSeconds(30)
        );
    }

    public void Dispose()
    {
        _timer?.Dispose();
        GC.SuppressFinalize(this);
    }
}
