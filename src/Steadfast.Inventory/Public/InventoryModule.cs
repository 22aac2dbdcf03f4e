using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Inventory.Counts;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Reports;
using Steadfast.Inventory.Requests;
using Steadfast.Inventory.Stock;
using Steadfast.Inventory.Warehouses;

namespace Steadfast.Inventory.Public;

/// <summary>The host's handle on the inventory module (备件管理).</summary>
public static class InventoryModule
{
    public static IServiceCollection AddInventoryModule(this IServiceCollection services) => services
        .AddScoped<StockScope>().AddScoped<StockLedger>().AddScoped<PartService>().AddScoped<WarehouseService>().AddScoped<MovementService>()
        .AddScoped<RequestService>().AddScoped<CountService>().AddScoped<PartsReports>()
        .AddScoped(sp => new WorkOrderParts(sp.GetRequiredService<Platform.Data.AppDbContext>(), sp.GetRequiredService<StockLedger>(), sp.GetRequiredService<StockScope>(),
            sp.GetRequiredService<PartService>(), sp.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Platform.Localization.Strings>>()))
        .AddScoped<Customers.Public.IMachineTimelineSource, PartsTimeline>()
        .AddScoped(sp => new DemoStock(sp.GetRequiredService<Platform.Data.AppDbContext>()))
        .AddScoped<Import.PartImporter>().AddScoped<Import.OpeningBalanceImporter>()
        .AddScoped<Platform.ImportExport.IImportTarget>(sp => sp.GetRequiredService<Import.PartImporter>())
        .AddScoped<Platform.ImportExport.IImportTarget>(sp => sp.GetRequiredService<Import.OpeningBalanceImporter>())
        .AddScoped<Platform.Data.IDemoSeeder, Demo.InventoryDemo>();

    public static void MapInventoryEndpoints(this RouteGroupBuilder api)
    {
        api.MapPartEndpoints();
        api.MapWarehouseEndpoints();
        api.MapStockEndpoints();
        api.MapRequestEndpoints();
        api.MapCountEndpoints();
        api.MapPartsReportEndpoints();
    }

    public static System.Reflection.Assembly Assembly => typeof(InventoryModule).Assembly;
}
