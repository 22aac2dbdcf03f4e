using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Steadfast.Platform.Api;

public static class EndpointExtensions
{
    /// <summary>Every endpoint names its policy; the access tests read it back from the endpoint metadata.</summary>
    public static TBuilder RequirePolicy<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(new AuthorizeAttribute(policy));

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Declares a file answer (200, binary) in the OpenAPI document; a file result carries no type of its own.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType, params string[] more) =>
        builder.Produces<Stream>(StatusCodes.Status200OK, contentType, more);

    /// <summary>Declares an Excel workbook answer (an export or an error report).</summary>
    public static RouteHandlerBuilder ProducesXlsx(this RouteHandlerBuilder builder) => builder.ProducesFile(XlsxContentType);

    /// <summary>The version a client read, from the body or an If-Match header.</summary>
    public static long? VersionFrom(HttpRequest request, long? bodyVersion)
    {
        if (bodyVersion is not null)
            return bodyVersion;
        var ifMatch = request.Headers.IfMatch.ToString().Trim('"', 'W', '/');
        return long.TryParse(ifMatch, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : null;
    }
}
