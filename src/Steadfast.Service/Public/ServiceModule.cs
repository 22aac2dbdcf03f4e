using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Public;

/// <summary>The host's handle on the service module.</summary>
public static class ServiceModule
{
    public static IServiceCollection AddServiceModule(this IServiceCollection services) => services.AddScoped<WorkOrderService>();

    public static void MapServiceEndpoints(this RouteGroupBuilder api) => api.MapWorkOrderEndpoints();

    public static System.Reflection.Assembly Assembly => typeof(ServiceModule).Assembly;
}
