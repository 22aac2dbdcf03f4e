using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Modules;
using Steadfast.Sales.Leads;
using Steadfast.Sales.Opportunities;
using Steadfast.Sales.Orders;

namespace Steadfast.Sales.Public;

/// <summary>Sales (线索→商机→订单): leads with automatic assignment, the opportunity pipeline, sales orders.</summary>
public sealed class SalesModule : SteadfastModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services
            .AddScoped<SalesScope>()
            .AddScoped<SalesNumbers>()
            .AddScoped<StageCatalog>()
            .AddScoped<LeadService>()
            .AddScoped<AssignmentRuleService>()
            .AddScoped<OpportunityService>()
            .AddScoped<Pipeline>()
            .AddScoped<OrderService>()
            .AddScoped<Quotes.QuoteService>()
            .AddScoped<Projects.ProjectService>()
            .AddScoped<Projects.ProjectBoard>()
            .AddScoped<Projects.TemplateService>()
            .AddScoped<Platform.Data.IShippedData, Projects.ProjectDefaults>()
            .AddScoped<Ecn.EcnService>()
            .AddScoped<Contracts.ContractService>()
            .AddScoped<Platform.Automation.IApprovalSubject>(sp => sp.GetRequiredService<Contracts.ContractService>())
            .AddScoped<Service.Public.IContractCoverage, Contracts.ContractCoverage>()
            .AddScoped<Receivables.ReceiptService>()
            .AddScoped<Receivables.Ageing>()
            .AddScoped<Profitability.ProfitabilityReport>()
            .AddSingleton<Platform.Automation.AutomationRecordType, Automation.ContractRecordType>()
            .AddSingleton<Platform.Automation.AutomationRecordType, Automation.InstalmentRecordType>()
            .AddSingleton<Platform.Jobs.IDueItemHandler, Contracts.ContractStatusJob>()
            .AddSingleton<Platform.Jobs.IDueItemHandler, Ecn.EcnEscalation>()
            .AddSingleton<Platform.Automation.AutomationRecordType, Automation.EcnRecordType>()
            .AddSingleton<Platform.Automation.AutomationRecordType, Automation.ProjectRecordType>()
            .AddScoped<Platform.Automation.IApprovalSubject>(sp => sp.GetRequiredService<Quotes.QuoteService>())
            .AddSingleton<Platform.Automation.AutomationRecordType, Automation.QuoteRecordType>()
            .AddScoped<Platform.Data.IShippedData, StageDefaults>()
            .AddScoped<Platform.Data.IDemoSeeder, Demo.SalesDemo>()
            .AddScoped<Platform.Data.IDemoSeeder, Demo.ProjectsDemo>()
            .AddScoped<Platform.Data.IDemoSeeder, Demo.ContractsDemo>()
            .AddScoped<Import.LeadImporter>()
            .AddScoped<Platform.ImportExport.IImportTarget>(sp => sp.GetRequiredService<Import.LeadImporter>())
            .AddScoped<Import.OrderImporter>()
            .AddScoped<Platform.ImportExport.IImportTarget>(sp => sp.GetRequiredService<Import.OrderImporter>())
            .AddScoped<Import.ReceiptImporter>()
            .AddScoped<Platform.ImportExport.IImportTarget>(sp => sp.GetRequiredService<Import.ReceiptImporter>())
            .AddSingleton(
                new Customers.Public.CustomerTab(
                    "Contracts.Tab",
                    Icons.Material.Outlined.Description,
                    typeof(Contracts.CustomerContractsTab),
                    25
                )
            )
            .AddSingleton(
                new Customers.Public.MachineTab(
                    "Contracts.Tab",
                    Icons.Material.Outlined.Description,
                    typeof(Contracts.MachineContractsTab),
                    30
                )
            )
            .AddSingleton(new Customers.Public.CustomerTab("Sales.Tab", Icons.Material.Outlined.Handshake, typeof(CustomerSalesTab), 20))
            .AddSingleton<Platform.Automation.AutomationRecordType, Automation.LeadRecordType>()
            .AddSingleton<Platform.Automation.AutomationRecordType, Automation.OpportunityRecordType>();

    public override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapLeadEndpoints();
        api.MapOpportunityEndpoints();
        api.MapOrderEndpoints();
        Quotes.QuoteEndpoints.MapQuoteEndpoints(api);
        Projects.ProjectEndpoints.MapProjectEndpoints(api);
        Ecn.EcnEndpoints.MapEcnEndpoints(api);
        Contracts.ContractEndpoints.MapContractEndpoints(api);
    }

    public override IEnumerable<NavEntry> Navigation =>
        [
            new(NavSection.Sales, 10, "/leads", "Nav.Leads", Icons.Material.Outlined.PersonSearch) { Policy = Policies.SalesStaff },
            new(NavSection.Sales, 20, "/pipeline", "Nav.Pipeline", Icons.Material.Outlined.ViewKanban) { Policy = Policies.SalesStaff },
            new(NavSection.Sales, 30, "/opportunities", "Nav.Opportunities", Icons.Material.Outlined.Handshake)
            {
                Policy = Policies.SalesStaff,
            },
            new(NavSection.Sales, 40, "/sales-orders", "Nav.SalesOrders", Icons.Material.Outlined.ReceiptLong)
            {
                Policy = Policies.SalesOrderReaders,
            },
            new(NavSection.Sales, 45, "/projects", "Nav.Projects", Icons.Material.Outlined.Engineering)
            {
                Policy = Policies.ProjectReaders,
            },
            new(NavSection.Sales, 48, "/ecn", "Nav.Ecn", Icons.Material.Outlined.PublishedWithChanges) { Policy = Policies.EcnReaders },
            new(NavSection.Sales, 60, "/contracts", "Nav.Contracts", Icons.Material.Outlined.Description)
            {
                Policy = Policies.ContractReaders,
            },
            new(NavSection.Sales, 65, "/receivables", "Nav.Receivables", Icons.Material.Outlined.AccountBalanceWallet)
            {
                Policy = Policies.ReceivableReaders,
            },
            new(NavSection.Sales, 68, "/profitability", "Nav.Profitability", Icons.Material.Outlined.Insights)
            {
                Policy = Policies.ProfitReaders,
            },
            new(NavSection.Portal, 45, "/my-contracts", "Nav.MyContracts", Icons.Material.Outlined.Description)
            {
                Roles = [Roles.Customer],
            },
            new(NavSection.Portal, 40, "/my-projects", "Nav.MyProjects", Icons.Material.Outlined.Engineering)
            {
                Roles = [Roles.Customer, Roles.Dealer],
            },
            new(NavSection.Sales, 50, "/sales/forecast", "Nav.Forecast", Icons.Material.Outlined.QueryStats)
            {
                Policy = Policies.SalesStaff,
            },
            new(NavSection.Settings, 60, "/settings/sales", "Nav.SalesSettings", Icons.Material.Outlined.Tune)
            {
                Policy = Policies.SalesManagers,
            },
        ];
}
