using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Steadfast.Platform.Audit;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Data.Sqlite;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Outbox;

namespace Steadfast.Platform;

public static class PlatformServices
{
    /// <summary>Data layer, audit, custom fields, queues and string tables, shared by every module.</summary>
    public static IServiceCollection AddSteadfastPlatform(
        this IServiceCollection services,
        IConfiguration config,
        DatabaseSettings database,
        IEnumerable<Assembly> stringAssemblies
    )
    {
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddScoped<Automation.AutomationScope>();
        services.AddAppDatabase(database);
        services.AddScoped<Migrator>();

        var strings = new StringTables([typeof(PlatformServices).Assembly, .. ModelCatalog.Parts.Assemblies, .. stringAssemblies]);
        services.AddSingleton(strings);
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.AddScoped<CustomFieldValidator>();
        services.AddScoped<CustomFieldService>();
        services.AddSingleton<Ui.CompanyClock>();
        services.AddScoped<Identity.UserDirectory>();
        services.AddSingleton<Files.FileStore>();
        services.AddScoped<Files.AttachmentService>();
        services.AddScoped<Views.SavedViewService>();
        services.AddSingleton<ImportExport.ImportProgress>();
        services.AddScoped<ImportExport.ImportService>();
        services.AddSingleton<IDueItemHandler, ImportExport.ImportRunner>();
        services.AddSingleton<IDueItemHandler, Notifications.DailyDigest>();
        services.AddHostedService<DailyJobs>();
        services.AddScoped<Ui.PageServices>();
        services.AddScoped<Notifications.Notifier>();
        services.AddScoped<Notifications.NotificationService>();
        services.AddSingleton<IOutboxHandler, Notifications.EmailSender>();
        services.AddSingleton<IOutboxHandler, Notifications.DirectEmailSender>();
        services.AddSingleton<IOutboxHandler, Notifications.WebhookSender>();
        services.AddHttpClient("webhooks", c => c.Timeout = TimeSpan.FromSeconds(10));

        services.Configure<QueueOptions>(config.GetSection("Queue"));
        services.AddSingleton(ClaimQueues.Outbox);
        services.AddSingleton(ClaimQueues.DueItems);
        services.AddSingleton<QueueTicker>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueTicker>());
        services.AddHostedService<SqliteOptimizer>();
        services.AddHostedService<SqliteCheckpointer>();
        return services;
    }
}

/// <summary>The two claimable queues. A test makes a second instance to act as a second app node.</summary>
public static class ClaimQueues
{
    public static ClaimQueue<OutboxMessage> Outbox(IServiceProvider sp) =>
        new(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ClaimQueue<OutboxMessage>>>(),
            "OutboxMessages",
            "",
            Lease(sp)
        );

    public static ClaimQueue<DueItem> DueItems(IServiceProvider sp) =>
        new(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ClaimQueue<DueItem>>>(),
            "DueItems",
            " AND \"CancelledAtUtc\" IS NULL",
            Lease(sp)
        );

    private static TimeSpan Lease(IServiceProvider sp) =>
        sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<QueueOptions>>().Value.Lease;
}
