using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Data;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Outbox;
using Steadfast.Platform.Ui;

namespace Steadfast.Automation.Rules;

/// <summary>
/// Time triggers and schedules as due items. A time rule keeps one pending item that wakes every
/// <see cref="SweepEvery"/>, reads the records whose date (plus the offset) passed since the last wake through the date
/// column's index, and queues one firing per record: a million records cost nothing until theirs come due.
/// </summary>
internal static class RuleClock
{
    public const string TimeKind = "automation.time";
    public const string ScheduleKind = "automation.schedule";
    public static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    /// <summary>A date-only field (a warranty end) comes due at this company-local hour of the day.</summary>
    public static readonly TimeOnly DateFieldsAt = new(8, 0);

    /// <summary>How many records one wake queues; the rest wait for the next wake.</summary>
    public const int Batch = 500;

    internal sealed record SweepState(DateTime CursorUtc);

    /// <summary>After a rule is saved: drops its pending wake-ups and, if it is on, plans the next.</summary>
    public static async Task RescheduleAsync(
        AppDbContext db,
        Rule rule,
        RuleDefinition def,
        CompanyClock company,
        DateTime nowUtc,
        CancellationToken ct
    )
    {
        var subject = rule.Id.ToString();
        await db.CancelDueAsync(TimeKind, subject, nowUtc, ct);
        await db.CancelDueAsync(ScheduleKind, subject, nowUtc, ct);
        if (!rule.Enabled)
            return;
        if (def.Trigger.Kind == TriggerKind.Time)
            db.Schedule(TimeKind, subject, nowUtc, new SweepState(rule.EnabledAtUtc ?? nowUtc));
        else if (
            def.Trigger.Kind == TriggerKind.Schedule
            && TimeOnly.TryParse(def.Trigger.At, System.Globalization.CultureInfo.InvariantCulture, out var at)
        )
            db.Schedule(ScheduleKind, subject, DailyJobs.NextAt(company, nowUtc, at));
    }

    /// <summary>When a record's date field value makes the rule fire.</summary>
    public static DateTime FireAt(FieldKind kind, object value, TimeSpan offset, CompanyClock company) =>
        kind == FieldKind.Date
            ? TimeZoneInfo.ConvertTimeToUtc(((DateOnly)value).ToDateTime(DateFieldsAt), company.Zone()) + offset
            : DateTime.SpecifyKind((DateTime)value, DateTimeKind.Utc) + offset;

    /// <summary>
    /// The records of the type whose fire time lies in (from, to], oldest first, at most <paramref name="take"/>: a range read on
    /// the indexed date column.
    /// </summary>
    public static async Task<List<(Guid Id, DateTime FireAt)>> DueAsync(
        AppDbContext db,
        AutomationRecordType type,
        AutomationField field,
        TimeSpan offset,
        DateTime fromUtc,
        DateTime toUtc,
        int take,
        CompanyClock company,
        CancellationToken ct
    )
    {
        List<(Guid, object)> rows;
        if (field.Kind == FieldKind.Date)
        {
            // Whole local days around the window, then the exact fire times.
            var first = DateOnly.FromDateTime(company.ToLocal(fromUtc - offset)).AddDays(-1);
            var last = DateOnly.FromDateTime(company.ToLocal(toUtc - offset)).AddDays(1);
            rows = await Invoke<DateOnly>(nameof(DatesAsync), db, type, field.Name, first, last, take, ct);
        }
        else
            rows = await Invoke<DateTime>(nameof(TimesAsync), db, type, field.Name, fromUtc - offset, toUtc - offset, take, ct);
        return
        [
            .. rows.Select(r => (r.Item1, FireAt(field.Kind, r.Item2, offset, company)))
                .Where(r => r.Item2 > fromUtc && r.Item2 <= toUtc)
                .OrderBy(r => r.Item2)
                .ThenBy(r => r.Item1),
        ];
    }

    private static Task<List<(Guid, object)>> Invoke<TValue>(
        string method,
        AppDbContext db,
        AutomationRecordType type,
        string field,
        TValue from,
        TValue to,
        int take,
        CancellationToken ct
    ) =>
        (Task<List<(Guid, object)>>)
            typeof(RuleClock)
                .GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type.Entity)
                .Invoke(null, [db, field, from, to, take, ct])!;

    private static async Task<List<(Guid, object)>> TimesAsync<T>(
        AppDbContext db,
        string field,
        DateTime from,
        DateTime to,
        int take,
        CancellationToken ct
    )
        where T : class =>
        [
            .. (
                await db.Set<T>()
                    .AsNoTracking()
                    .Where(e => EF.Property<DateTime?>(e, field) > from && EF.Property<DateTime?>(e, field) <= to)
                    .OrderBy(e => EF.Property<DateTime?>(e, field))
                    .Take(take)
                    .Select(e => new { Id = EF.Property<Guid>(e, "Id"), At = EF.Property<DateTime?>(e, field) })
                    .ToListAsync(ct)
            ).Select(r => (r.Id, (object)r.At!.Value)),
        ];

    private static async Task<List<(Guid, object)>> DatesAsync<T>(
        AppDbContext db,
        string field,
        DateOnly from,
        DateOnly to,
        int take,
        CancellationToken ct
    )
        where T : class =>
        [
            .. (
                await db.Set<T>()
                    .AsNoTracking()
                    .Where(e => EF.Property<DateOnly?>(e, field) >= from && EF.Property<DateOnly?>(e, field) <= to)
                    .OrderBy(e => EF.Property<DateOnly?>(e, field))
                    .Take(take)
                    .Select(e => new { Id = EF.Property<Guid>(e, "Id"), On = EF.Property<DateOnly?>(e, field) })
                    .ToListAsync(ct)
            ).Select(r => (r.Id, (object)r.On!.Value)),
        ];
}

/// <summary>A time rule's wake-up: queues the firings that came due and plans the next wake.</summary>
internal sealed class TimeSweep : IDueItemHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string Kind => RuleClock.TimeKind;

    public async Task HandleAsync(DueItem item, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var company = services.GetRequiredService<CompanyClock>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (await RuleStore.ActiveAsync(db, Guid.Parse(item.SubjectId), ct) is not { Definition.Trigger.Kind: TriggerKind.Time } rule)
            return;
        var type = services.GetRequiredService<RecordTypes>().Find(rule.RecordType);
        var field = type?.Fields.FirstOrDefault(f => f.Name == rule.Definition.Trigger.Field);
        if (type is null || field is null)
            return;
        var cursor = JsonSerializer.Deserialize<RuleClock.SweepState>(item.Payload, Json)?.CursorUtc ?? now;
        var offset = TimeSpan.FromMinutes(rule.Definition.Trigger.OffsetMinutes);
        var due = await RuleClock.DueAsync(db, type, field, offset, cursor, now, RuleClock.Batch, company, ct);
        foreach (var (id, at) in due)
            db.Enqueue(RuleFireHandler.MessageType, new FireRequest(rule.Id, id, $"time:{id}:{at:O}"), now);
        // A full batch continues from its last record at once; otherwise everything up to now is done.
        var full = due.Count == RuleClock.Batch;
        var next = full ? due[^1].FireAt : now;
        db.Schedule(RuleClock.TimeKind, item.SubjectId, full ? now : now + RuleClock.SweepEvery, new RuleClock.SweepState(next));
    }
}

/// <summary>A schedule rule's daily run: one firing for the day, and the next day planned.</summary>
internal sealed class ScheduleTick : IDueItemHandler
{
    public string Kind => RuleClock.ScheduleKind;

    public async Task HandleAsync(DueItem item, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var company = services.GetRequiredService<CompanyClock>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (await RuleStore.ActiveAsync(db, Guid.Parse(item.SubjectId), ct) is not { Definition.Trigger.Kind: TriggerKind.Schedule } rule)
            return;
        db.Enqueue(
            RuleFireHandler.MessageType,
            new FireRequest(rule.Id, null, $"schedule:{RuleStore.Day(company.ToLocal(item.DueAtUtc))}"),
            now
        );
        // The day after the one that ran, even when this run came early or late.
        if (TimeOnly.TryParse(rule.Definition.Trigger.At, System.Globalization.CultureInfo.InvariantCulture, out var at))
            db.Schedule(RuleClock.ScheduleKind, item.SubjectId, DailyJobs.NextAt(company, now > item.DueAtUtc ? now : item.DueAtUtc, at));
    }
}
