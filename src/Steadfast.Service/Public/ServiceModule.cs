using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Jobs;
using Steadfast.Service.Dashboard;
using Steadfast.Service.Dispatch;
using Steadfast.Service.Field;
using Steadfast.Service.Parts;
using Steadfast.Service.Sla;
using Steadfast.Service.Surveys;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Public;

/// <summary>The host's handle on the service module.</summary>
public static class ServiceModule
{
    public static IServiceCollection AddServiceModule(this IServiceCollection services) => services
        .AddScoped<WorkOrderService>().AddScoped<WorkOrderMoves>().AddScoped<SlaService>().AddScoped<DispatchService>().AddScoped<FieldService>()
        .AddScoped<SurveyService>().AddScoped<ServiceKpis>().AddScoped<KpiRollup>().AddScoped<Platform.Data.ISaveHook, KpiTouchHook>().AddHostedService<KpiRollupWorker>().AddSingleton<IDueItemHandler, SlaTicker>()
        .AddScoped<Platform.Data.IDemoSeeder, Demo.ServiceDemo>()
        .AddScoped<Parts.WorkOrderLookup>().AddScoped<Inventory.Public.IWorkOrderLookup>(sp => sp.GetRequiredService<Parts.WorkOrderLookup>()).AddScoped<Parts.OrderParts>()
        .AddSingleton(new Customers.Public.CustomerTab("Customers.WorkOrders", MudBlazor.Icons.Material.Outlined.HomeRepairService, typeof(CustomerServiceTab), 10));

    public static void MapServiceEndpoints(this RouteGroupBuilder api)
    {
        api.MapWorkOrderEndpoints();
        api.MapFieldEndpoints();
        api.MapDispatchEndpoints();
        api.MapSurveyEndpoints();
        api.MapDashboardEndpoints();
        api.MapSlaEndpoints();
        api.MapOrderPartsEndpoints();
    }

    public static System.Reflection.Assembly Assembly => typeof(ServiceModule).Assembly;
}
