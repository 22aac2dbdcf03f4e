using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform.Identity;

namespace Steadfast.IntegrationTests;

/// <summary>
/// Every endpoint and page states who may use it, and each role gets exactly that. Endpoints are
/// read from the app's endpoint data source, so a new one cannot slip past these tests.
/// </summary>
public abstract partial class AccessTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    /// <summary>Who each policy lets in. Kept here, beside the tests, as the table the app must match.</summary>
    private static readonly Dictionary<string, string[]> PolicyRoles = new()
    {
        [Policies.Admin] = [Roles.Admin],
        [Policies.Staff] = [.. Roles.Internal],
        [Policies.SignedIn] = [.. Roles.All],
        [Policies.CustomerEditors] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.ServiceManager, Roles.Dispatcher, Roles.Dealer],
        [Policies.EquipmentEditors] =
        [
            Roles.Admin,
            Roles.SalesManager,
            Roles.Sales,
            Roles.ServiceManager,
            Roles.Dispatcher,
            Roles.Engineer,
            Roles.Dealer,
        ],
        [Policies.Importers] = [Roles.Admin, Roles.SalesManager, Roles.ServiceManager, Roles.Finance],
        [Policies.Exporters] = [.. Roles.Internal, Roles.Dealer],
        [Policies.ServiceDesk] = [Roles.Admin, Roles.ServiceManager, Roles.Dispatcher],
        [Policies.ServiceWork] = [Roles.Admin, Roles.ServiceManager, Roles.Dispatcher, Roles.Engineer],
        [Policies.ServiceManagers] = [Roles.Admin, Roles.ServiceManager],
        [Policies.ServiceRequesters] = [Roles.Admin, Roles.ServiceManager, Roles.Dispatcher, Roles.Customer, Roles.Dealer],
        [Policies.ServiceInsight] = [Roles.Admin, Roles.ServiceManager, Roles.Dispatcher, Roles.Executive],
        [Policies.Engineers] = [Roles.Engineer],
        [Policies.PartsEditors] = [Roles.Admin, Roles.ServiceManager, Roles.Warehouse],
        [Policies.Stockkeepers] = [Roles.Admin, Roles.Warehouse],
        [Policies.RuleEditors] = [Roles.Admin, Roles.ServiceManager, Roles.SalesManager],
        [Policies.SalesStaff] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.Executive, Roles.Dealer],
        [Policies.SalesWork] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.Dealer],
        [Policies.SalesManagers] = [Roles.Admin, Roles.SalesManager],
        [Policies.SalesOrderReaders] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.Executive, Roles.Finance, Roles.Dealer],
        [Policies.SalesOrderEditors] = [Roles.Admin, Roles.SalesManager, Roles.Sales],
        // The sales roles, or a token of the website form's scope (LeadTests proves the token's side).
        [Policies.LeadIntake] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.Dealer],
        [Policies.ProjectReaders] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.Executive, Roles.ServiceManager, Roles.RdEngineer],
        [Policies.ProjectEditors] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.RdEngineer],
        [Policies.ProjectProgress] = [Roles.Customer, Roles.Dealer],
        [Policies.EcnReaders] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.Executive, Roles.ServiceManager, Roles.RdEngineer],
        [Policies.EcnPublishers] = [Roles.Admin, Roles.RdEngineer],
        [Policies.ContractReaders] =
        [
            Roles.Admin,
            Roles.SalesManager,
            Roles.Sales,
            Roles.Executive,
            Roles.Finance,
            Roles.ServiceManager,
            Roles.Dispatcher,
        ],
        [Policies.ContractEditors] = [Roles.Admin, Roles.SalesManager, Roles.Sales],
        [Policies.ReceivableReaders] = [Roles.Admin, Roles.SalesManager, Roles.Sales, Roles.Executive, Roles.Finance],
        [Policies.FinanceWork] = [Roles.Admin, Roles.Finance],
        [Policies.ContractPortal] = [Roles.Customer],
        [Policies.ProfitReaders] = [Roles.Admin, Roles.Executive, Roles.Finance, Roles.SalesManager, Roles.ServiceManager],
        [Policies.MaintenanceReaders] = [Roles.Admin, Roles.ServiceManager, Roles.Dispatcher, Roles.Engineer, Roles.Executive],
        [Policies.MaintenancePlanners] = [Roles.Admin, Roles.ServiceManager],
        [Policies.MaintenancePortal] = [Roles.Customer],
    };

    /// <summary>The only routes anybody may call without signing in.</summary>
    private static readonly string[] PublicRoutes =
    [
        "/api/v1/auth/token",
        "/healthz",
        "/openapi/{documentName}.json",
        "/account/login",
        "/account/denied",
        "/culture/set",
        "/not-found",
        "/api/v1/public/equipment/{token}",
        "/q/{Token}",
        "/api/v1/public/equipment/{token}/requests",
        "/api/v1/public/work-orders/{trackingToken}",
        "/track/{TrackingToken}",
        "/api/v1/public/work-orders/{trackingToken}/photos",
        "/api/v1/public/work-orders/{trackingToken}/report",
        "/api/v1/public/work-orders/{trackingToken}/files/{fileId:guid}",
        "/api/v1/public/surveys/{token}",
        "/r/{TrackingToken}",
        "/s/{Token}",
        "/api/v1/approvals/link/{token}",
        "/approve/{Token}",
    ];

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    private static bool IsFrameworkPlumbing(RouteEndpoint e)
    {
        var route = "/" + e.RoutePattern.RawText?.TrimStart('/');
        return route.StartsWith("/_blazor", StringComparison.Ordinal)
            || route.StartsWith("/_framework", StringComparison.Ordinal)
            || route.StartsWith("/_content", StringComparison.Ordinal)
            || route.Contains(":file}", StringComparison.Ordinal)
            || route.StartsWith("/api/docs", StringComparison.Ordinal)
            || e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal))
            || FileRoute().IsMatch(route);
    }

    [Fact]
    public void Every_endpoint_and_page_declares_who_may_use_it()
    {
        var offenders = new List<string>();
        foreach (var e in Endpoints().Where(e => !IsFrameworkPlumbing(e)))
        {
            var route = "/" + e.RoutePattern.RawText?.TrimStart('/');
            var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            if (anonymous && !PublicRoutes.Contains(route))
                offenders.Add($"{route} is anonymous but not in the public list");
            else if (!anonymous && policies.Count == 0)
                offenders.Add($"{route} ({e.DisplayName}) names no policy");
            else if (policies.Any(p => p is null || !PolicyRoles.ContainsKey(p)))
                offenders.Add($"{route} uses an unknown policy");
        }
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
        Assert.Contains(Endpoints(), e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null);
    }

    [Fact]
    public async Task Every_api_endpoint_answers_each_role_as_its_policy_says()
    {
        var tokens = new Dictionary<string, string>();
        foreach (var role in Roles.All)
        {
            var user = await app.CreateAsync(role);
            tokens[role] = await app.TokenAsync(user.GetProperty("email").GetString()!);
        }
        var failures = new List<string>();
        var api = Endpoints()
            .Where(e =>
                e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true
                && e.Metadata.GetMetadata<IAllowAnonymous>() is null
            )
            .ToList();
        Assert.NotEmpty(api);
        using var client = app.CreateClient();
        foreach (var endpoint in api)
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET";
            var path = FillRoute(endpoint);
            var allowed = endpoint
                .Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Select(a => PolicyRoles[a.Policy!])
                .Aggregate((IEnumerable<string>)Roles.All, (acc, r) => acc.Intersect(r))
                .ToHashSet();
            foreach (var role in Roles.All.Append("anonymous"))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                var form =
                    endpoint
                        .Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()
                        ?.ContentTypes.Contains("multipart/form-data") == true;
                if (method is "POST" or "PUT")
                    request.Content = form ? new MultipartFormDataContent() : new StringContent("{}", Encoding.UTF8, "application/json");
                if (role != "anonymous")
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[role]);
                var status = (await client.SendAsync(request)).StatusCode;
                var expected =
                    role == "anonymous" ? "401"
                    : allowed.Contains(role) ? "allowed"
                    : "403";
                var actual = status switch
                {
                    HttpStatusCode.Unauthorized => "401",
                    HttpStatusCode.Forbidden => "403",
                    _ => "allowed",
                };
                if (status == HttpStatusCode.InternalServerError)
                    actual = "500";
                if (expected != actual)
                    failures.Add($"{method} {path} as {role}: expected {expected}, got {(int)status}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Outside_parties_are_turned_away_from_internal_pages()
    {
        // Cookie expiry is stamped from the app's clock; the test client's cookie jar compares it with real time.
        if (app.Clock.GetUtcNow() < TimeProvider.System.GetUtcNow())
            app.Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
        var customer = await app.CreateAsync(Roles.Customer);
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInAsync(browser, customer.GetProperty("email").GetString()!);

        var settings = await browser.GetAsync("/settings/users");
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.StartsWith("/account/denied", settings.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_page_visits_go_to_sign_in()
    {
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var home = await browser.GetAsync("/settings/audit");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/login", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_form_needs_its_antiforgery_token()
    {
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await browser.PostAsync(
            "/account/login",
            new FormUrlEncodedContent(
                new Dictionary<string, string> { ["email"] = AppFactory.AdminEmail, ["password"] = AppFactory.Password }
            )
        );
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public static async Task SignInAsync(HttpClient browser, string email)
    {
        var form = await browser.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        var response = await browser.PostAsync(
            "/account/login",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["email"] = email,
                    ["password"] = AppFactory.Password,
                    ["returnUrl"] = "/",
                    ["__RequestVerificationToken"] = token,
                }
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    private static string FillRoute(RouteEndpoint endpoint)
    {
        var parts = endpoint.RoutePattern.PathSegments.Select(segment =>
            string.Concat(
                segment.Parts.Select(part =>
                    part switch
                    {
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p => p.ParameterPolicies.Any(x =>
                            x.Content == "int"
                        )
                            ? "1"
                            : Guid.NewGuid().ToString(),
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart s => s.Content,
                        _ => "",
                    }
                )
            )
        );
        return "/" + string.Join("/", parts);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"\.[a-z0-9]{2,5}$")]
    private static partial Regex FileRoute();
}

public sealed class AccessTests_Sqlite(SqliteFactory app) : AccessTests<SqliteFactory>(app);

public sealed class AccessTests_Postgres(PostgresFactory app) : AccessTests<PostgresFactory>(app);
