using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Localization;

namespace Steadfast.Web.Api;

/// <summary>The rules every /api/v1 endpoint follows: JSON shape, errors, body limits, idempotency, rate limits.</summary>
public static class ApiConventions
{
    public const long MaxJsonBytes = 1024 * 1024;
    public const long MaxUploadBytes = 64L * 1024 * 1024;
    public const string AuthRateLimit = "auth";

    public static IServiceCollection AddApiConventions(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o =>
            o.CustomizeProblemDetails = c =>
            {
                c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
                c.ProblemDetails.Extensions.Remove("exception");
            }
        );
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthRateLimit, http =>
            {
                var permits = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Auth:SignInPermitsPerMinute", 10);
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permits,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }
                );
            });
            // Anonymous public endpoints (the QR pages): per client address, generous for people, tight for scripts.
            o.AddPolicy("public", http =>
                RateLimitPartition.GetFixedWindowLimiter(
                    "public:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = 60,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }
                )
            );
            o.AddPolicy(Platform.Api.RateLimits.LeadIntake, http =>
            {
                var header = http.Request.Headers.Authorization.ToString();
                var key = header.Length > 0 ? Auth.TokenService.Hash(header) : http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var permits = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Sales:LeadsPerMinute", 60);
                return RateLimitPartition.GetFixedWindowLimiter("leads:" + key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (ctx, ct) =>
            {
                var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(
                    System.Globalization.CultureInfo.InvariantCulture
                );
                var t = ctx.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
                await TypedResults
                    .Problem(
                        title: t["Problem.TooMany"],
                        detail: t["Problem.TryAgainIn", (int)Math.Ceiling(retry.TotalSeconds)],
                        statusCode: StatusCodes.Status429TooManyRequests
                    )
                    .ExecuteAsync(ctx.HttpContext);
            };
        });
        return services;
    }

    public static void Configure(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // A misspelt field is an error the client must hear about, not a silently ignored value.
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.MaxDepth = 32;
        // Numbers are JSON numbers: the web default also read "12" as 12, and the OpenAPI document then typed
        // every number as "integer or string", which generated clients cannot use as a number.
        json.NumberHandling = JsonNumberHandling.Strict;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        json.Converters.Add(new TextOnlyStringConverter());
    }

    public static RouteGroupBuilder WithApiConventions(this RouteGroupBuilder api)
    {
        api.WithMetadata(new RequestSizeLimitAttribute(MaxJsonBytes));
        api.AddEndpointFilter<IdempotencyFilter>();
        api.ProducesProblem(StatusCodes.Status400BadRequest);
        api.ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    /// <summary>
    /// Refuses a body over the endpoint's limit up front with 413 (Kestrel enforces the same limit while
    /// reading; this also covers hosts that do not), and keeps the body of a keyed POST readable twice:
    /// once to bind, once to fingerprint it.
    /// </summary>
    public static IApplicationBuilder UseApiRequestLimits(this IApplicationBuilder app) =>
        app.Use(
            async (http, next) =>
            {
                var limit = http.GetEndpoint()
                    ?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()
                    ?.MaxRequestBodySize;
                if (limit is not null && http.Request.ContentLength > limit)
                {
                    http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    var t = http.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
                    await TypedResults
                        .Problem(title: t["Problem.TooLarge"], detail: t["Problem.MaxBytes", limit], statusCode: 413)
                        .ExecuteAsync(http);
                    return;
                }
                // A NUL in a search term would reach PostgreSQL, which cannot hold it in text: refuse it here, naming the parameter.
                foreach (var (name, values) in http.Request.Query)
                {
                    if (!values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
                        continue;
                    var tq = http.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
                    http.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await TypedResults
                        .ValidationProblem(
                            new Dictionary<string, string[]> { [name] = [tq["Problem.NulCharacter"].Value] },
                            title: tq["Problem.Validation"]
                        )
                        .ExecuteAsync(http);
                    return;
                }
                if (
                    http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                    && QueryStringCheck.Errors(http) is { Count: > 0 } queryErrors
                )
                {
                    var tq = http.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
                    http.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await TypedResults.ValidationProblem(queryErrors, title: tq["Problem.Validation"]).ExecuteAsync(http);
                    return;
                }
                if (HttpMethods.IsPost(http.Request.Method) && http.Request.Headers.ContainsKey(IdempotencyFilter.Header))
                    http.Request.EnableBuffering();
                await next(http);
            }
        );
}
