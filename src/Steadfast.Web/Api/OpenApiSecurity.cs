using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Steadfast.Web.Api;

/// <summary>
/// Declares on every operation how it is authenticated: the Bearer scheme (and the 403 a role may get), or
/// explicitly nothing for the anonymous public endpoints, which then also cannot answer 401.
/// </summary>
internal sealed class OpenApiSecurity : IOpenApiOperationTransformer
{
    public const string Bearer = "Bearer";

    public async Task TransformAsync(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken
    )
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
            operation.Responses.Remove("401");
            return;
        }
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
        if (!operation.Responses.ContainsKey("403"))
        {
            var problem = await context.GetOrCreateSchemaAsync(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), null, cancellationToken);
            operation.Responses["403"] = new OpenApiResponse
            {
                Description = "Forbidden: the caller's role may not do this.",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
            };
        }
    }
}
