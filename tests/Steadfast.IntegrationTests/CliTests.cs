using Microsoft.Extensions.DependencyInjection;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform.Data;
using Steadfast.Web;
using Steadfast.Web.Cli;

namespace Steadfast.IntegrationTests;

/// <summary>The CLI verbs, run in-process exactly as Program runs them.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "steadfast-cli", Guid.NewGuid().ToString("N"));

    public CliTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException) { }
    }

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        string[] config =
        [
            $"--ConnectionStrings:Default=Data Source={Path.Combine(_dir, "cli.db")}",
            "--Queue:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
        ];
        var all = args.Concat(config).ToArray();
        var app = SteadfastApp.Build(all);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            return (await CliVerbs.RunAsync(app, all), stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Migrate_create_admin_token_and_backup_work_and_report_errors()
    {
        var migrate = await RunAsync("migrate");
        Assert.Equal(0, migrate.Code);
        Assert.Contains("Applied", migrate.Out, StringComparison.Ordinal);
        Assert.Contains("up to date", (await RunAsync("migrate")).Out, StringComparison.Ordinal);

        var weak = await RunAsync("create-admin", "--email", "ops@test.local", "--password", "weak");
        Assert.Equal(1, weak.Code);
        Assert.Contains("password", weak.Err, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("create-admin", "--email", "ops@test.local", "--password", "Sturdy123")).Code);

        var token = await RunAsync("token", "create", "--user", "ops@test.local", "--name", "script");
        Assert.Equal(0, token.Code);
        Assert.StartsWith("sf_", token.Out.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, (await RunAsync("token", "create", "--user", "nobody@test.local")).Code);

        var file = Path.Combine(_dir, "backup.db");
        Assert.Equal(0, (await RunAsync("backup", file)).Code);
        Assert.True(new FileInfo(file).Length > 0);
        Assert.Equal(1, (await RunAsync("backup")).Code);
    }

    [Fact]
    public async Task Seed_demo_creates_one_user_per_role()
    {
        var seeded = await RunAsync("seed-demo", "--scale", "1");
        Assert.Equal(0, seeded.Code);
        // One per role, and nine more field engineers so dispatch has a choice in every region.
        Assert.Contains("21 new users", seeded.Out, StringComparison.Ordinal);
        Assert.Contains("5000 work orders", seeded.Out, StringComparison.Ordinal);
        Assert.Equal(1, (await RunAsync("seed-demo", "--scale", "-3")).Code);
    }

    [Fact]
    public void An_unknown_provider_stops_start_up_naming_the_setting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => SteadfastApp.Build(["--Database:Provider=Oracle"]));
        Assert.Contains("Database:Provider", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_on_postgres_points_to_pg_dump()
    {
        var app = SteadfastApp.Build([
            "backup",
            "x.db",
            "--Database:Provider=Postgres",
            "--ConnectionStrings:Default=Host=127.0.0.1;Database=none",
        ]);
        var stderr = new StringWriter();
        var old = Console.Error;
        Console.SetError(stderr);
        try
        {
            Assert.Equal(1, await CliVerbs.RunAsync(app, ["backup", "x.db"]));
        }
        finally
        {
            Console.SetError(old);
            await app.DisposeAsync();
        }
        Assert.Contains("pg_dump", stderr.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>Tests that swap Console.Out must not run beside each other.</summary>
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;
