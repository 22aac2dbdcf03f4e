using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Steadfast.Platform.Data;

namespace Steadfast.IntegrationTests.Infrastructure;

/// <summary>
/// The real app on a real, fresh database. One instance per test class; each provider has its own
/// subclass so every test runs once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@test.local";
    public const string Password = "Secret123";

    /// <summary>Time the app sees. Starts on a Monday 09:00 in Shanghai.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public abstract DatabaseProvider Provider { get; }
    protected string ConnectionString { get; set; } = "";
    protected virtual int SignInPermitsPerMinute => 10_000;
    protected virtual int FailedSignInsPerAccount => 1_000;
    protected virtual int FailedSignInsPerAddress => 100_000;

    /// <summary>Settings a factory of its own changes for its tests.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public abstract Task InitializeAsync();
    protected abstract Task DropDatabaseAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DropDatabaseAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Queue:Enabled", "false");
        builder.UseSetting("Demo:SeedIfEmpty", "false");
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", Password);
        builder.UseSetting(
            "Auth:SignInPermitsPerMinute",
            SignInPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        builder.UseSetting(
            "Auth:FailedSignInsPerAccount",
            FailedSignInsPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        builder.UseSetting(
            "Auth:FailedSignInsPerAddress",
            FailedSignInsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public async Task<string> TokenAsync(string email, string password = Password)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
    }

    public async Task<HttpClient> ClientForAsync(string email, string password = Password)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(email, password));
        return client;
    }

    public Task<HttpClient> AdminAsync() => ClientForAsync(AdminEmail);

    /// <summary>Runs work against the app's database in its own scope.</summary>
    public async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private sealed record TokenBody(string Token, DateTime ExpiresAt);
}

public class SqliteFactory : AppFactory
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "steadfast-tests", Guid.NewGuid().ToString("N"));
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        ConnectionString = $"Data Source={Path.Combine(_dir, "test.db")}";
        return Task.CompletedTask;
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException) { }
        return Task.CompletedTask;
    }
}

public class PostgresFactory : AppFactory
{
    private string _database = "";
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("STEADFAST_TEST_PG")
        ?? throw new InvalidOperationException("STEADFAST_TEST_PG is not set: run the tests through ./test.sh, which starts PostgreSQL.");

    public override async Task InitializeAsync() => (_database, ConnectionString) = await CreateDatabaseAsync("sf_test_");

    protected override Task DropDatabaseAsync() => DropDatabaseAsync(_database);

    /// <summary>A fresh, empty database on the test server: its name and a connection string to it.</summary>
    public static async Task<(string Name, string ConnectionString)> CreateDatabaseAsync(string prefix)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..12];
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        await using (var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn))
            await cmd.ExecuteNonQueryAsync();
        return (name, new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true }.ToString());
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
