using System.Text.Json;
using Steadfast.Platform.Jobs;

namespace Steadfast.Service.Sla;

public enum SlaStepKind
{
    Warn = 0,
    Breach = 1,
    Escalate = 2,
}

/// <summary>One step of a target's clock: work it at <see cref="At"/> while the target's deadline is still <see cref="Due"/>.</summary>
public sealed record SlaStep(SlaTarget Target, SlaStepKind Step, DateTime Due, DateTime At = default);

/// <summary>
/// An order's pending SLA steps, at most one per target, kept in one due item that comes due at the
/// earliest of them. One row per order instead of one per target: a create wrote three due items, and
/// on SQLite every row a create writes holds the one writer longer.
/// </summary>
public sealed record SlaPlan(List<SlaStep> Steps)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DateTime NextAt => Steps.Min(s => s.At);

    public static string Subject(Guid orderId) => orderId.ToString();

    /// <summary>
    /// The subjects an order's SLA items may carry: its own, and one per target as items were written
    /// before plans (still read, so an upgrade drops no pending warning).
    /// </summary>
    public static string[] Subjects(Guid orderId) => [Subject(orderId), .. Enum.GetValues<SlaTarget>().Select(t => $"{orderId}:{t}")];

    /// <summary>Reads a plan, or a single step as items were written before plans; a step without its time is due at the item's.</summary>
    public static SlaPlan Read(DueItem item)
    {
        using var doc = JsonDocument.Parse(item.Payload);
        var steps = doc.RootElement.TryGetProperty("steps", out var list)
            ? list.Deserialize<List<SlaStep>>(Json)!
            : [doc.RootElement.Deserialize<SlaStep>(Json)!];
        return new SlaPlan([.. steps.Select(s => s.At == default ? s with { At = item.DueAtUtc } : s)]);
    }
}
