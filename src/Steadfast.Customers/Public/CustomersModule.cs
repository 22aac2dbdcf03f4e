using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Customers.Activities;
using Steadfast.Customers.Contacts;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Dealers;
using Steadfast.Customers.Equipment;
using Steadfast.Customers.Products;

namespace Steadfast.Customers.Public;

/// <summary>The host's handle on the module: its services and its endpoints.</summary>
public static class CustomersModule
{
    public static IServiceCollection AddCustomersModule(this IServiceCollection services) => services
        .AddScoped<CustomerScope>().AddScoped<CustomerDirectory>()
        .AddScoped<CustomerService>().AddScoped<ContactService>().AddScoped<ActivityService>().AddScoped<DealerService>()
        .AddScoped<ProductService>().AddScoped<EquipmentService>()
        .AddScoped<Import.CustomerImporter>().AddScoped<Import.EquipmentImporter>().AddScoped<Import.ContactImporter>().AddScoped<Import.ProductImporter>()
        .AddScoped<Platform.ImportExport.IImportTarget>(sp => sp.GetRequiredService<Import.CustomerImporter>())
        .AddScoped<Platform.ImportExport.IImportTarget>(sp => sp.GetRequiredService<Import.ContactImporter>())
        .AddScoped<Platform.ImportExport.IImportTarget>(sp => sp.GetRequiredService<Import.ProductImporter>())
        .AddScoped<Platform.ImportExport.IImportTarget>(sp => sp.GetRequiredService<Import.EquipmentImporter>())
        .AddScoped<Platform.Data.IDemoSeeder, CustomersDemo>()
        .AddSingleton(CustomerTextSearch.Customers)
        .AddSingleton(CustomerTextSearch.Contacts);

    public static void MapCustomersEndpoints(this RouteGroupBuilder api)
    {
        api.MapCustomerEndpoints();
        api.MapContactEndpoints();
        api.MapActivityEndpoints();
        api.MapDealerEndpoints();
        api.MapProductEndpoints();
        api.MapEquipmentEndpoints();
        api.MapAttachmentEndpoints();
    }

    public static System.Reflection.Assembly Assembly => typeof(CustomersModule).Assembly;
}
