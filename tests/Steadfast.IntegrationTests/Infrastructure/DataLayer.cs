using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;

namespace Steadfast.IntegrationTests.Infrastructure;

/// <summary>
/// The app's data layer alone on a SQLite file: no hosted workers that could rent a context or write
/// between a test's steps.
/// </summary>
public static class DataLayer
{
    public static ServiceProvider OnSqlite(string connectionString, TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddSingleton(clock);
        services.AddAppDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString));
        return services.BuildServiceProvider();
    }
}
