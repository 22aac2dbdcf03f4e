using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Data.Sqlite;

namespace Steadfast.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Reads <c>Database:Provider</c> and <c>ConnectionStrings:Default</c>, failing with the setting's name.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteMigrations = "Steadfast.Migrations.Sqlite";
    public const string PostgresMigrations = "Steadfast.Migrations.Postgres";

    public static DatabaseSettings From(IConfiguration config, string contentRoot)
    {
        var name = config["Database:Provider"] ?? "Sqlite";
        if (!Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
            throw new InvalidOperationException($"Setting Database:Provider has the unknown value '{name}'. Use 'Sqlite' or 'Postgres'.");
        var cs = config.GetConnectionString("Default");
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(cs))
            throw new InvalidOperationException("Setting ConnectionStrings:Default is required when Database:Provider is 'Postgres'.");
        if (provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(cs) ? "Data Source=data/steadfast.db" : cs);
            if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:")
                builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            builder.Pooling = true;
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
            cs = builder.ToString();
        }
        return new DatabaseSettings(provider, cs!);
    }

    public void Apply(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrations));
                options.AddInterceptors(SqlitePragmas.Instance, SqliteWriteGate.Instance, SqliteStatementCache.Instance);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrations));
                break;
        }
    }
}

public static class DatabaseServices
{
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.AddScoped<RecordChangesInterceptor>();
        services.AddSingleton<ConfigCache>();
        // Pooled: building a context's options and EF's services for it anew was a visible share of a
        // create's CPU. The scope's context is rented here and goes back when the scope ends.
        services.AddPooledDbContextFactory<AppDbContext>(options =>
        {
            settings.Apply(options);
            options.AddInterceptors(ScopedSaveInterceptor.Instance);
        });
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
            db.RequestServices = sp;
            return db;
        });
        return services;
    }
}

/// <summary>Hands each save to the <see cref="RecordChangesInterceptor"/> of the scope that rented the context.</summary>
internal sealed class ScopedSaveInterceptor : SaveChangesInterceptor
{
    public static readonly ScopedSaveInterceptor Instance = new();

    // A context made outside a scope would save without its audit rows; that must fail, not pass quietly.
    private static RecordChangesInterceptor Of(DbContext? db) =>
        (db as AppDbContext)?.RequestServices?.GetRequiredService<RecordChangesInterceptor>()
        ?? throw new InvalidOperationException("An AppDbContext that saves must come from a service scope.");

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        Of(eventData.Context).SavingChanges(eventData, result);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    ) => Of(eventData.Context).SavingChangesAsync(eventData, result, cancellationToken);

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        Of(eventData.Context).SavedChanges(eventData, result);

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default
    ) => Of(eventData.Context).SavedChangesAsync(eventData, result, cancellationToken);
}
