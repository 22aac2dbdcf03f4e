using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Company;
using Steadfast.Platform.Data;

namespace Steadfast.IntegrationTests;

/// <summary>
/// Contexts come from a pool: one that goes back and is rented again must carry nothing of its last
/// scope, above all not whom the audit log names.
/// </summary>
public sealed class PooledContextTests : IAsyncLifetime
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"pool-{Guid.NewGuid():N}.db");
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        services = DataLayer.OnSqlite(
            $"Data Source={file};Pooling=true",
            new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero))
        );
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    private static ClaimsPrincipal Person(string email) =>
        new(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new(ClaimTypes.Email, email)], "test"));

    private async Task<(AppDbContext Used, Guid TeamId)> SaveTeamAsAsync(string email, string name)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Use(Person(email));
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var team = new Team
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Region = "East",
        };
        db.Add(team);
        await db.SaveChangesAsync();
        Assert.Equal(EntityState.Unchanged, db.Entry(team).State);
        return (db, team.Id);
    }

    [Fact]
    public async Task A_context_rented_again_audits_its_new_scope_s_actor_and_tracks_nothing_from_before()
    {
        var (first, firstTeam) = await SaveTeamAsAsync("ann@test.local", "Ann's team");
        var (second, secondTeam) = await SaveTeamAsAsync("bob@test.local", "Bob's team");

        // The same instance, or the test would prove nothing about reuse.
        Assert.Same(first, second);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Same(first, db);
        Assert.Empty(db.ChangeTracker.Entries());
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Team)).ToDictionaryAsync(a => a.EntityId, a => a.UserName);
        Assert.Equal("ann@test.local", audit[firstTeam.ToString()]);
        Assert.Equal("bob@test.local", audit[secondTeam.ToString()]);
    }

    [Fact]
    public async Task A_context_made_outside_a_scope_cannot_save_without_its_audit()
    {
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        db.Add(
            new Team
            {
                Id = Guid.CreateVersion7(),
                Name = "Nobody's",
                Region = "East",
            }
        );
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        Assert.Equal(0, await db.Set<Team>().CountAsync());
    }
}
