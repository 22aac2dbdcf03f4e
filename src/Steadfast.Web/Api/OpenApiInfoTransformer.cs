using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Steadfast.Web.Api;

internal sealed class OpenApiInfoTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Steadfast API",
            Version = "v1",
            Description = "After-sales service and customer-loyalty platform. Authenticate with POST /api/v1/auth/token, then send Authorization: Bearer <token>. "
                + "Lists page with ?page=&pageSize= (max 500) and answer { items, total }. Updates carry version (409 when stale). POST accepts Idempotency-Key.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "A session token from /api/v1/auth/token or a personal access token.",
        };
        return Task.CompletedTask;
    }
}
