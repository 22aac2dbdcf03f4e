using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Company;
using Steadfast.Platform.Data;

namespace Steadfast.UnitTests;

/// <summary>The save interceptor on a real (in-memory SQLite) database: versions, audit rows, append-only.</summary>
public sealed class RecordChangesTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 1, 2, 0, 0, TimeSpan.Zero));
    private readonly CurrentActor _actor = new(new HttpContextAccessor());
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private AppDbContext _db = default!;

    public async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        _actor.Use(
            new ClaimsPrincipal(
                new ClaimsIdentity(
                    [new Claim(ClaimTypes.NameIdentifier, Guid.Empty.ToString()), new Claim(ClaimTypes.Email, "li@test")],
                    "test"
                )
            )
        );
        _db = NewContext();
        await _db.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private readonly ConfigCache _config = new();

    private AppDbContext NewContext() =>
        new(
            new DbContextOptionsBuilder<AppDbContext>()
                .UseSqlite(_connection)
                .AddInterceptors(new RecordChangesInterceptor(_actor, _clock, _config, []))
                .Options
        );

    [Fact]
    public async Task Saving_a_calendar_day_or_the_company_drops_cached_configuration_and_other_saves_keep_it()
    {
        var loads = 0;
        Task<int> Load() => Task.FromResult(++loads);
        Assert.Equal(1, await _config.GetAsync("calendar", Load));
        Assert.Equal(1, await _config.GetAsync("calendar", Load));

        _db.Teams.Add(
            new Team
            {
                Id = Guid.NewGuid(),
                Name = "华东区",
                Region = "上海",
            }
        );
        await _db.SaveChangesAsync();
        Assert.Equal(1, await _config.GetAsync("calendar", Load));

        _db.CalendarDays.Add(
            new CalendarDay
            {
                Id = Guid.NewGuid(),
                Date = new DateOnly(2026, 10, 11),
                Kind = CalendarDayKind.WorkingDay,
                Name = "国庆调休",
            }
        );
        await _db.SaveChangesAsync();
        Assert.Equal(2, await _config.GetAsync("calendar", Load));

        // The company's time zone (CompanyClock) is read the same way, synchronously.
        var zones = 0;
        Assert.Equal(1, _config.Get("company-tz", () => ++zones));
        Assert.Equal(1, _config.Get("company-tz", () => ++zones));
        _db.CompanyProfiles.Add(new CompanyProfile { Name = "恒力精工", TimeZoneId = "Asia/Urumqi" });
        await _db.SaveChangesAsync();
        Assert.Equal(2, _config.Get("company-tz", () => ++zones));
    }

    [Fact]
    public async Task An_update_moves_the_version_and_records_old_and_new()
    {
        var team = new Team
        {
            Id = Guid.NewGuid(),
            Name = "华东区",
            Region = "上海",
        };
        _db.Teams.Add(team);
        await _db.SaveChangesAsync();
        Assert.Equal(1, team.Version);

        _clock.Advance(TimeSpan.FromMinutes(5));
        team.Region = "上海 江苏";
        await _db.SaveChangesAsync();
        Assert.Equal(2, team.Version);

        var rows = await _db.AuditEntries.Where(a => a.EntityId == team.Id.ToString()).OrderBy(a => a.AtUtc).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Updated], rows.Select(r => r.Action).ToArray());
        var change = Assert.Single(JsonSerializer.Deserialize<List<FieldChange>>(rows[1].Changes, Web)!);
        Assert.Equal(new FieldChange("Region", "上海", "上海 江苏"), change);
        Assert.Equal("li@test", rows[1].UserName);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, rows[1].AtUtc);
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_nothing_changes()
    {
        var team = new Team { Id = Guid.NewGuid(), Name = "华南区" };
        _db.Teams.Add(team);
        await _db.SaveChangesAsync();

        await using var other = NewContext();
        var copy = await other.Teams.SingleAsync(t => t.Id == team.Id);
        copy.Region = "广东";
        await other.SaveChangesAsync();

        Assert.Throws<DbUpdateConcurrencyException>(() => _db.ExpectVersion(team, 0));
        team.Region = "福建";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => _db.SaveChangesAsync());
        await using var check = NewContext();
        Assert.Equal("广东", (await check.Teams.SingleAsync(t => t.Id == team.Id)).Region);
    }

    [Fact]
    public async Task The_audit_log_cannot_be_edited_or_deleted()
    {
        _db.Teams.Add(new Team { Id = Guid.NewGuid(), Name = "审计" });
        await _db.SaveChangesAsync();
        var row = await _db.AuditEntries.FirstAsync();
        row.UserName = "someone else";
        await Assert.ThrowsAsync<InvalidOperationException>(() => _db.SaveChangesAsync());
        _db.ChangeTracker.Clear();
        _db.AuditEntries.Remove(await _db.AuditEntries.FirstAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => _db.SaveChangesAsync());
    }
}
