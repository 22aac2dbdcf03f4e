using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Steadfast.Automation.Approvals;
using Steadfast.Automation.Rules;
using Steadfast.Automation.Tasks;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Modules;
using Steadfast.Platform.Outbox;

namespace Steadfast.Automation.Public;

/// <summary>Tasks, rules (trigger + conditions + actions) and their simulator (待办、自动化规则).</summary>
public sealed class AutomationModule : SteadfastModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddSingleton<RecordTypes>()
            .AddSingleton<RuleIndex>()
            .AddHostedService(sp => sp.GetRequiredService<RuleIndex>())
            .AddScoped<Platform.Data.ISaveHook, RuleEvents>()
            .AddSingleton<RuleRunner>()
            .AddScoped<ActionRunner>()
            .AddScoped<RuleValidator>()
            .AddScoped<RuleDescriber>()
            .AddScoped<RuleSimulator>()
            .AddScoped<RuleService>()
            .AddScoped<TaskService>()
            .AddScoped<Platform.Automation.ITasks, TaskPort>()
            .AddScoped<Approvals.ApproverResolver>()
            .AddSingleton<Approvals.ApprovalLinks>()
            .AddScoped<Approvals.ApprovalEngine>()
            .AddScoped<Platform.Automation.IApprovals>(sp => sp.GetRequiredService<Approvals.ApprovalEngine>())
            .AddScoped<Approvals.ApprovalService>()
            .AddScoped<Approvals.ProcessService>()
            .AddScoped<Approvals.ProcessMonitor>()
            .AddScoped<Platform.Data.IShippedData, Approvals.ApprovalDefaults>()
            .AddScoped<Platform.Data.IShippedData, Rules.ShippedRules>()
            .AddScoped<Platform.Jobs.IDigestSection, Approvals.ApprovalsDigest>()
            .AddSingleton<IDueItemHandler, Approvals.ApprovalEscalation>()
            .AddScoped<Platform.Data.IDemoSeeder, Demo.AutomationDemo>()
            .AddScoped<Platform.Data.IDemoSeeder, Demo.ApprovalsDemo>()
            .AddSingleton<IOutboxHandler, RuleEventHandler>()
            .AddSingleton<IOutboxHandler, RuleFireHandler>()
            .AddSingleton<IDueItemHandler, TimeSweep>()
            .AddSingleton<IDueItemHandler, ScheduleTick>()
            .AddSingleton(new Platform.Ui.ShellItem(typeof(TaskBadge), 10))
            .AddSingleton(new Platform.Ui.ShellItem(typeof(ApprovalBadge), 11))
            .AddSingleton(new Customers.Public.CustomerTab("Tasks.Title", Icons.Material.Outlined.TaskAlt, typeof(RecordTasks), 90))
            .AddSingleton(new Customers.Public.MachineTab("Tasks.Title", Icons.Material.Outlined.TaskAlt, typeof(RecordTasks), 90))
            .AddSingleton(new Service.Public.WorkOrderPanel(typeof(RecordTasks), 10));
    }

    public override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapTaskEndpoints();
        api.MapRuleEndpoints();
        api.MapApprovalEndpoints();
    }

    public override IEnumerable<NavEntry> Navigation =>
        [
            new(NavSection.Business, 5, "/tasks", "Nav.Tasks", Icons.Material.Outlined.TaskAlt) { Policy = Policies.Staff },
            new(NavSection.Business, 6, "/approvals", "Nav.Approvals", Icons.Material.Outlined.FactCheck) { Policy = Policies.Staff },
            new(NavSection.Settings, 30, "/automation/rules", "Nav.Rules", Icons.Material.Outlined.AutoMode)
            {
                Policy = Policies.RuleEditors,
            },
            new(NavSection.Settings, 31, "/automation/approvals", "Nav.ApprovalProcesses", Icons.Material.Outlined.AccountTree)
            {
                Policy = Policies.RuleEditors,
            },
            new(NavSection.Settings, 32, "/automation/monitor", "Nav.ProcessMonitor", Icons.Material.Outlined.Insights)
            {
                Policy = Policies.RuleEditors,
            },
        ];
}
