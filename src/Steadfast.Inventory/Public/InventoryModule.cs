using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Steadfast.Inventory.Counts;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Reports;
using Steadfast.Inventory.Requests;
using Steadfast.Inventory.Stock;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Identity;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Modules;

namespace Steadfast.Inventory.Public;

/// <summary>Spare parts (备件管理): catalogue, warehouses and vans, the stock ledger, requests, counts, reports.</summary>
public sealed class InventoryModule : SteadfastModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services
            .AddScoped<StockScope>()
            .AddScoped<PartModels>()
            .AddScoped<StockLedger>()
            .AddScoped<PartService>()
            .AddScoped<WarehouseService>()
            .AddScoped<MovementService>()
            .AddScoped<RequestService>()
            .AddScoped<CountService>()
            .AddScoped<PartsReports>()
            // Constructed here: their constructors take internal types, so other modules cannot call them.
            .AddScoped(sp => new WorkOrderParts(
                sp.GetRequiredService<Platform.Data.AppDbContext>(),
                sp.GetRequiredService<StockLedger>(),
                sp.GetRequiredService<StockScope>(),
                sp.GetRequiredService<PartService>(),
                sp.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Platform.Localization.Strings>>()
            ))
            .AddScoped<Customers.Public.IMachineTimelineSource, PartsTimeline>()
            .AddScoped(sp => new DemoStock(sp.GetRequiredService<Platform.Data.AppDbContext>()))
            .AddScoped<Import.PartImporter>()
            .AddScoped<Import.OpeningBalanceImporter>()
            .AddScoped<IImportTarget>(sp => sp.GetRequiredService<Import.PartImporter>())
            .AddScoped<IImportTarget>(sp => sp.GetRequiredService<Import.OpeningBalanceImporter>())
            .AddScoped<Platform.Data.IDemoSeeder, Demo.InventoryDemo>()
            .AddScoped<Platform.Automation.IApprovalSubject, Requests.PartRequestApprovals>()
            .AddSingleton<Platform.Automation.AutomationRecordType, Automation.PartRequestRecordType>();

    public override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapPartEndpoints();
        api.MapWarehouseEndpoints();
        api.MapStockEndpoints();
        api.MapRequestEndpoints();
        api.MapCountEndpoints();
        api.MapPartsReportEndpoints();
    }

    public override IEnumerable<NavEntry> Navigation =>
        [
            new(NavSection.Business, 40, "/parts", "Nav.Parts", Icons.Material.Outlined.Inventory2) { Policy = Policies.Staff },
            new(NavSection.Parts, 10, "/stock", "Nav.Stock", Icons.Material.Outlined.Warehouse) { Policy = Policies.Staff },
            new(NavSection.Parts, 20, "/parts/requests", "Nav.PartRequests", Icons.Material.Outlined.Assignment)
            {
                Policy = Policies.Staff,
            },
            new(NavSection.Parts, 30, "/stock/counts", "Nav.Counts", Icons.Material.Outlined.FactCheck) { Policy = Policies.Staff },
            new(NavSection.Parts, 40, "/parts/reports", "Nav.PartsReports", Icons.Material.Outlined.QueryStats) { Policy = Policies.Staff },
        ];
}
