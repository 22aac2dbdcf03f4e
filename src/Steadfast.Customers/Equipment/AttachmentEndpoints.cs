using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Products;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Files;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Equipment;

/// <summary>Files on machines (installation reports, photos) and on product models (documents).</summary>
internal static class AttachmentEndpoints
{
    public static void MapAttachmentEndpoints(this RouteGroupBuilder api)
    {
        AttachmentRoutes.Map(
            api.MapGroup("/equipment/{id:guid}/attachments").WithTags("Equipment"),
            EquipmentService.RecordType,
            Policies.EquipmentEditors,
            (sp, id, ct) => sp.GetRequiredService<CustomerScope>().Machines().AnyAsync(m => m.Id == id, ct)
        );
        AttachmentRoutes.Map(
            api.MapGroup("/products/{id:guid}/attachments").WithTags("Products"),
            ProductService.RecordType,
            Policies.Admin,
            (sp, id, ct) => sp.GetRequiredService<AppDbContext>().Set<Product>().AnyAsync(p => p.Id == id, ct)
        );
    }
}
