using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Jobs;

namespace Steadfast.Service.Maintenance;

/// <summary>
/// Each night: plans for installed machines that have none yet (imported ones, or a template saved since), then the visits for
/// what falls due within the lead time, then the fitted parts' expected ends from the lives observed so far. The due-item ticker
/// runs it once across nodes; the planner's claims make a rerun harmless.
/// </summary>
internal sealed class MaintenanceJob : IDailyJob
{
    public string Kind => "maintenance.visits";
    public TimeOnly At => new(1, 0);

    public async Task HandleAsync(DueItem item, IServiceProvider services, CancellationToken ct)
    {
        await services.GetRequiredService<PlanService>().CreateManyAsync(null, ct);
        await services.GetRequiredService<VisitPlanner>().RunAsync(ct);
        await services.GetRequiredService<PartLife>().RefreshExpectedAsync(ct);
    }
}
