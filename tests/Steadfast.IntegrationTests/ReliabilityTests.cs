using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Customers.Customers;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;

namespace Steadfast.IntegrationTests;

/// <summary>Issue 6's reliability suite, the parts that run inside the test host: version races and backups under load.</summary>
public abstract class VersionRaceTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task Fifty_concurrent_updates_from_one_version_let_exactly_one_through_each_round()
    {
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync();
        var version = customer.GetProperty("version").GetInt64();
        for (var round = 0; round < 2; round++)
        {
            var names = Enumerable.Range(0, 50).Select(i => $"并发客户{round}-{i:00}有限公司").ToList();
            var answers = await Task.WhenAll(
                names.Select(n =>
                    admin.PutAsJsonAsync(
                        $"/api/v1/customers/{customer.Id()}",
                        new
                        {
                            name = n,
                            province = "江苏",
                            city = "苏州",
                            version,
                        }
                    )
                )
            );
            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
            Assert.Equal(49, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
            var winner = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).ReadJsonAsync();
            var now = await (await admin.GetAsync($"/api/v1/customers/{customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
            // No lost update: what is stored is exactly what the one winner wrote, one version on.
            Assert.Equal(winner.GetProperty("name").GetString(), now.GetProperty("name").GetString());
            Assert.Equal(version + 1, now.GetProperty("version").GetInt64());
            version = now.GetProperty("version").GetInt64();
        }
        var updates = await app.DbAsync(db =>
            db.Set<AuditEntry>().CountAsync(a => a.EntityId == customer.Id() && a.Action == AuditAction.Updated)
        );
        Assert.Equal(2, updates);
    }
}

public sealed class VersionRaceTests_Sqlite(SqliteFactory app) : VersionRaceTests<SqliteFactory>(app);

public sealed class VersionRaceTests_Postgres(PostgresFactory app) : VersionRaceTests<PostgresFactory>(app);

/// <summary>SQLite's online backup while four clients keep writing: the copy is consistent, restores elsewhere and starts.</summary>
public sealed class BackupUnderLoadTests(SqliteFactory app) : IClassFixture<SqliteFactory>
{
    private sealed class RestoredApp(string file) : AppFactory
    {
        public override Platform.Data.DatabaseProvider Provider => Platform.Data.DatabaseProvider.Sqlite;

        public override Task InitializeAsync()
        {
            ConnectionString = $"Data Source={file}";
            return Task.CompletedTask;
        }

        protected override Task DropDatabaseAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
            }
            catch (IOException) { }
            return Task.CompletedTask;
        }
    }

    /// <summary>Key tables as (id, name, version) and their audit rows, hashed in a fixed order.</summary>
    private static async Task<(int Customers, int Audits, string Hash)> FingerprintAsync(
        AppDbContext db,
        IReadOnlyCollection<Guid>? only = null
    )
    {
        var customers = db.Set<Customer>().AsNoTracking();
        if (only is not null)
            customers = customers.Where(c => only.Contains(c.Id));
        var rows = await customers
            .OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.Version,
            })
            .ToListAsync();
        var ids = rows.Select(r => r.Id.ToString()).ToList();
        var audits = await db.Set<AuditEntry>()
            .CountAsync(a => a.EntityType == "customer" && ids.Contains(a.EntityId) && a.Action == AuditAction.Created);
        var text = string.Join('\n', rows.Select(r => $"{r.Id}|{r.Name}|{r.Version}"));
        return (rows.Count, audits, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }

    [Fact]
    public async Task A_backup_taken_under_write_load_restores_into_a_fresh_directory_and_starts()
    {
        using var admin = await app.AdminAsync();
        for (var i = 0; i < 20; i++)
            await admin.CustomerAsync();
        var before = await app.DbAsync(db => db.Set<Customer>().CountAsync());

        using var stop = new CancellationTokenSource();
        var writers = Enumerable
            .Range(0, 4)
            .Select(w =>
                Task.Run(async () =>
                {
                    var written = 0;
                    while (!stop.IsCancellationRequested)
                    {
                        var r = await admin.PostAsJsonAsync(
                            "/api/v1/customers",
                            new
                            {
                                name = $"负载客户{w}-{written}-{Guid.NewGuid():N}"[..20] + "有限公司",
                                province = "江苏",
                                city = "无锡",
                            }
                        );
                        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
                        written++;
                    }
                    return written;
                })
            )
            .ToList();
        await Task.Delay(400);
        var file = Path.Combine(Path.GetTempPath(), "steadfast-restore", Guid.NewGuid().ToString("N"), "steadfast.db");
        await Backup.SqliteOnlineBackupAsync(
            app.Services.GetRequiredService<IConfiguration>().GetConnectionString("Default")!,
            file,
            default
        );
        await Task.Delay(400);
        await stop.CancelAsync();
        var written = (await Task.WhenAll(writers)).Sum();
        Assert.True(written > 0);

        await using var restored = new RestoredApp(file);
        await restored.InitializeAsync();
        var copy = await restored.DbAsync(db => FingerprintAsync(db));
        var ids = await restored.DbAsync(db => db.Set<Customer>().Select(c => c.Id).ToListAsync());
        var live = await app.DbAsync(db => FingerprintAsync(db, ids));
        var liveTotal = await app.DbAsync(db => db.Set<Customer>().CountAsync());

        // A consistent snapshot: everything the copy holds is exactly as it was live, with its audit row.
        Assert.Equal(live, copy);
        Assert.Equal(copy.Customers, copy.Audits);
        Assert.InRange(copy.Customers, before, liveTotal);
        var integrity = await restored.DbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync());
        Assert.Equal(["ok"], integrity);

        // The restored copy starts and serves.
        using var client = await restored.AdminAsync();
        var list = await (await client.GetAsync("/api/v1/customers?pageSize=1")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(copy.Customers, list.GetProperty("total").GetInt32());
        await (await client.GetAsync("/healthz")).ExpectAsync(HttpStatusCode.OK);
    }
}
