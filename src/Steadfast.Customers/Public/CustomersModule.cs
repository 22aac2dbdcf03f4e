using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Steadfast.Customers.Activities;
using Steadfast.Customers.Contacts;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Dealers;
using Steadfast.Customers.Equipment;
using Steadfast.Customers.Products;
using Steadfast.Platform.Identity;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Modules;

namespace Steadfast.Customers.Public;

/// <summary>Customer 360 and the equipment registry (客户360 / 一机一档).</summary>
public sealed class CustomersModule : SteadfastModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services
            .AddScoped<CustomerScope>()
            .AddScoped<CustomerDirectory>()
            .AddScoped<CustomerService>()
            .AddScoped<ContactService>()
            .AddScoped(sp => new CustomerRegistry(
                sp.GetRequiredService<Platform.Data.AppDbContext>(),
                sp.GetRequiredService<CustomerScope>(),
                sp.GetRequiredService<CustomerService>(),
                sp.GetRequiredService<ContactService>()
            ))
            .AddScoped<ActivityService>()
            .AddScoped<DealerService>()
            .AddScoped<ProductService>()
            .AddScoped<EquipmentService>()
            .AddScoped<Import.CustomerImporter>()
            .AddScoped<Import.EquipmentImporter>()
            .AddScoped<Import.ContactImporter>()
            .AddScoped<Import.ProductImporter>()
            .AddScoped<IImportTarget>(sp => sp.GetRequiredService<Import.CustomerImporter>())
            .AddScoped<IImportTarget>(sp => sp.GetRequiredService<Import.ContactImporter>())
            .AddScoped<IImportTarget>(sp => sp.GetRequiredService<Import.ProductImporter>())
            .AddScoped<IImportTarget>(sp => sp.GetRequiredService<Import.EquipmentImporter>())
            .AddScoped<Platform.Data.IDemoSeeder, CustomersDemo>()
            .AddScoped<Reminders.ReminderService>()
            .AddSingleton<Platform.Jobs.IDueItemHandler, Reminders.ReminderJob>()
            .AddScoped<Platform.Jobs.IDigestSection, Reminders.ReminderDigest>()
            .AddScoped<Platform.Jobs.IDigestSection, Reminders.WarrantyDigest>()
            .AddSingleton(new Platform.Ui.HomeCard(typeof(Reminders.RemindersCard), 10))
            .AddSingleton<Platform.Automation.AutomationRecordType, Automation.CustomerRecordType>()
            .AddSingleton<Platform.Automation.AutomationRecordType, Automation.MachineRecordType>()
            .AddSingleton(CustomerTextSearch.Customers)
            .AddSingleton(CustomerTextSearch.Contacts);

    public override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapCustomerEndpoints();
        api.MapContactEndpoints();
        api.MapActivityEndpoints();
        api.MapDealerEndpoints();
        api.MapProductEndpoints();
        api.MapEquipmentEndpoints();
        api.MapAttachmentEndpoints();
        Reminders.ReminderEndpoints.MapReminderEndpoints(api);
    }

    public override IEnumerable<NavEntry> Navigation =>
        [
            new(NavSection.Business, 10, "/customers", "Nav.Customers", Icons.Material.Outlined.Apartment) { Policy = Policies.Staff },
            new(NavSection.Business, 20, "/equipment", "Nav.Equipment", Icons.Material.Outlined.PrecisionManufacturing)
            {
                Policy = Policies.Staff,
            },
            new(NavSection.Business, 90, "/dealers", "Nav.Dealers", Icons.Material.Outlined.Storefront) { Policy = Policies.Staff },
            new(NavSection.Portal, 10, "/customers", "Nav.Customers", Icons.Material.Outlined.Apartment) { Roles = [Roles.Dealer] },
            new(NavSection.Portal, 20, "/equipment", "Nav.MyEquipment", Icons.Material.Outlined.PrecisionManufacturing)
            {
                Roles = [Roles.Customer, Roles.Dealer],
            },
        ];
}
