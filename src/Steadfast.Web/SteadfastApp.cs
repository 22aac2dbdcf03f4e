using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;
using Scalar.AspNetCore;
using Steadfast.Platform;
using Steadfast.Platform.Data;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Modules;
using Steadfast.Platform.Views;
using Steadfast.Web.Api;
using Steadfast.Web.Auth;
using Steadfast.Web.Components;
using Steadfast.Web.Demo;
using Steadfast.Web.Settings;

namespace Steadfast.Web;

/// <summary>Builds the one web app: services, middleware and endpoints. The CLI verbs use the same build.</summary>
public static class SteadfastApp
{
    public static WebApplication Build(string[] args)
    {
        // The application name is fixed so the static-asset manifest is found however the app is hosted.
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { Args = args, ApplicationName = typeof(SteadfastApp).Assembly.GetName().Name }
        );
        // The built DLL run outside Development still serves package assets (MudBlazor's CSS/JS).
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = ApiConventions.MaxUploadBytes);

        var database = DatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        // Registered first so the database is migrated before the queue ticker or Kestrel start.
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddSteadfastPlatform(builder.Configuration, database, [typeof(SteadfastApp).Assembly]);
        builder.Services.AddSteadfastAuth(builder.Configuration);
        builder.Services.AddDataProtection().SetApplicationName("Steadfast").PersistKeysToDbContext<AppDbContext>();
        builder.Services.AddApiConventions();
        builder.Services.AddSingleton<Auth.SignInThrottle>();
        builder.Services.AddTrustedProxies(builder.Configuration);
        builder.Services.AddSettingsFeatures();
        // Every module project referenced by this one is found and added: its services here, its endpoints,
        // pages and menu entries below. Adding a module needs no edit in this file.
        var modules = new InstalledModules(new HostModule(), ModuleCatalog.Create());
        builder.Services.AddSingleton(modules).AddScoped<NavigationAccess>();
        foreach (var module in modules.All)
            module.AddServices(builder.Services, builder.Configuration);
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<Home.HomeService>();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // Chinese text goes out as text, not as &#x...; entities.
        builder.Services.AddWebEncoders(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All)
        );
        // Messages at the bottom: on the engineer's phone the top is where the order number and status are.
        builder.Services.AddMudServices(c =>
        {
            c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter;
            c.SnackbarConfiguration.VisibleStateDuration = 2500;
            c.SnackbarConfiguration.MaxDisplayedSnackbars = 2;
        });
        builder.Services.AddOpenApi(o =>
            o.AddDocumentTransformer<OpenApiInfoTransformer>()
                .AddOperationTransformer<OpenApiSecurity>()
                .AddSchemaTransformer<OpenApiStrings>()
        );
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        var app = builder.Build();
        Configure(app);
        return app;
    }

    private static void Configure(WebApplication app)
    {
        // First, so that error pages and problem details are in the caller's language too.
        app.UseRequestLocalization(o =>
        {
            var cultures = new[] { new CultureInfo("zh-CN"), new CultureInfo("en") };
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentUICultures = true;
            o.FallBackToParentCultures = true;
            // The user's remembered choice first, then what the browser asks for.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new ChineseFirstCultureProvider()];
        });
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseApiRequestLimits();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Steadfast API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();

        var api = app.MapGroup("/api/v1").WithApiConventions();
        api.MapAuthEndpoints();
        api.MapSettingsEndpoints();
        api.MapImportEndpoints();
        api.MapSavedViewEndpoints();
        var modules = app.Services.GetRequiredService<InstalledModules>();
        foreach (var module in modules.All)
            module.MapEndpoints(api);
        Steadfast.Platform.Notifications.NotificationEndpoints.MapNotificationEndpoints(api);

        app.MapCultureEndpoint();
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AddAdditionalAssemblies([.. modules.PageAssemblies]);
    }

    /// <summary>Migrates, creates the bootstrap admin, and seeds demo data when asked on an empty database.</summary>
    public static async Task PrepareDatabaseAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var config = services.GetRequiredService<IConfiguration>();
        await using var scope = services.CreateAsyncScope();
        if (config.GetValue("Database:MigrateOnStartup", true))
            await scope.ServiceProvider.GetRequiredService<Migrator>().MigrateAsync(ct);
        await scope.ServiceProvider.GetRequiredService<UserAdmin>().EnsureRolesAsync();
        foreach (var shipped in scope.ServiceProvider.GetServices<IShippedData>())
            await shipped.EnsureAsync(ct);
        await BootstrapAdmin.CreateIfConfiguredAsync(scope.ServiceProvider, config, ct);
        if (config.GetValue("Demo:SeedIfEmpty", false))
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(config.GetValue("Demo:Scale", 1.0), ct);
    }
}

/// <summary>Prepares the database when the host starts (also under WebApplicationFactory, where Main stops at Build).</summary>
internal sealed class DatabaseStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => SteadfastApp.PrepareDatabaseAsync(services, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
