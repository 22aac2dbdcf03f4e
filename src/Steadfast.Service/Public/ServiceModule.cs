using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Modules;
using Steadfast.Service.Dashboard;
using Steadfast.Service.Dispatch;
using Steadfast.Service.Field;
using Steadfast.Service.Parts;
using Steadfast.Service.Sla;
using Steadfast.Service.Surveys;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Public;

/// <summary>Service work orders (售后工单): intake, lifecycle, SLA, dispatch, the engineer's phone, surveys, dashboard.</summary>
public sealed class ServiceModule : SteadfastModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services
            .AddScoped<WorkOrderService>()
            .AddScoped<OpenWorkOrders>()
            .AddScoped<ServiceCosts>()
            .AddScoped<WorkOrderMoves>()
            .AddScoped<SlaService>()
            .AddScoped<DispatchService>()
            .AddScoped<AutoDispatch>()
            .AddScoped<Platform.Jobs.IDigestSection, OrdersDigest>()
            .AddScoped<FieldService>()
            .AddScoped<SurveyService>()
            .AddScoped<ServiceKpis>()
            .AddScoped<KpiRollup>()
            .AddScoped<Platform.Data.ISaveHook, KpiTouchHook>()
            .AddSingleton<Platform.Automation.AutomationRecordType, Automation.WorkOrderRecordType>()
            .AddHostedService<KpiRollupWorker>()
            .AddSingleton<SearchGramsBackfill>()
            .AddHostedService(sp => sp.GetRequiredService<SearchGramsBackfill>())
            .AddSingleton(WorkOrderSearch.Index)
            .AddSingleton<IDueItemHandler, SlaTicker>()
            .AddScoped<Platform.Data.IDemoSeeder, Demo.ServiceDemo>()
            .AddScoped<Platform.Data.IDemoSeeder, Demo.MaintenanceDemo>()
            .AddScoped<WorkOrderLookup>()
            .AddScoped<Inventory.Public.IWorkOrderLookup>(sp => sp.GetRequiredService<WorkOrderLookup>())
            .AddScoped<OrderParts>()
            .AddScoped<Maintenance.TemplateService>()
            .AddScoped<Maintenance.PlanService>()
            .AddScoped<Maintenance.VisitPlanner>()
            .AddScoped<Maintenance.VisitService>()
            .AddScoped<Maintenance.PartLife>()
            .AddScoped<Maintenance.HealthService>()
            .AddScoped<Maintenance.MaintenanceKpis>()
            .AddScoped<Platform.Data.IShippedData, Maintenance.HealthDefaults>()
            .AddScoped<Customers.Public.IMachineWatcher, Maintenance.PlanFollower>()
            .AddSingleton<IDueItemHandler, Maintenance.MaintenanceJob>()
            .AddScoped<ServiceTimeline>()
            .AddScoped<Customers.Public.IMachineTimelineSource, MachineServiceTimeline>()
            .AddScoped<Customers.Public.ICustomerTimelineSource, CustomerServiceTimeline>()
            .AddSingleton(
                new Customers.Public.MachineTab(
                    "Customers.WorkOrders",
                    Icons.Material.Outlined.HomeRepairService,
                    typeof(MachineServiceTab),
                    10
                )
            )
            .AddSingleton(
                new Customers.Public.MachineTab(
                    "Maintenance.PlanTab",
                    Icons.Material.Outlined.EventRepeat,
                    typeof(Maintenance.MachinePlanTab),
                    15
                )
            )
            .AddSingleton(
                new Customers.Public.CustomerTab(
                    "Customers.WorkOrders",
                    Icons.Material.Outlined.HomeRepairService,
                    typeof(CustomerServiceTab),
                    10
                )
            );

    public override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapWorkOrderEndpoints();
        api.MapFieldEndpoints();
        api.MapDispatchEndpoints();
        api.MapSurveyEndpoints();
        api.MapDashboardEndpoints();
        api.MapSlaEndpoints();
        api.MapOrderPartsEndpoints();
        Maintenance.MaintenanceEndpoints.MapMaintenanceEndpoints(api);
    }

    public override IEnumerable<NavEntry> Navigation =>
        [
            new(NavSection.Business, 30, "/service", "Nav.Service", Icons.Material.Outlined.HomeRepairService) { Policy = Policies.Staff },
            new(NavSection.Service, 10, "/service/dashboard", "Nav.ServiceDashboard", Icons.Material.Outlined.Insights)
            {
                Policy = Policies.ServiceInsight,
            },
            new(NavSection.Service, 20, "/service/callbacks", "Nav.Callbacks", Icons.Material.Outlined.PhoneCallback)
            {
                Policy = Policies.ServiceDesk,
            },
            new(NavSection.Service, 30, "/service/engineers", "Nav.Engineers", Icons.Material.Outlined.Engineering)
            {
                Policy = Policies.ServiceDesk,
            },
            new(NavSection.Service, 40, "/service/sla", "Nav.Sla", Icons.Material.Outlined.Timer) { Policy = Policies.ServiceWork },
            new(NavSection.Service, 35, "/service/maintenance", "Nav.Maintenance", Icons.Material.Outlined.EventRepeat)
            {
                Policy = Policies.MaintenanceReaders,
            },
            new(NavSection.Service, 50, "/m", "Nav.MyOrders", Icons.Material.Outlined.PhoneAndroid) { Policy = Policies.Engineers },
            new(NavSection.Service, 60, "/m/parts", "Nav.MyVan", Icons.Material.Outlined.LocalShipping) { Policy = Policies.Engineers },
            new(NavSection.Portal, 35, "/my-maintenance", "Nav.MyMaintenance", Icons.Material.Outlined.EventRepeat)
            {
                Policy = Policies.MaintenancePortal,
            },
            new(NavSection.Portal, 30, "/service", "Nav.MyServiceOrders", Icons.Material.Outlined.HomeRepairService)
            {
                Roles = [Roles.Customer, Roles.Dealer],
            },
        ];
}
