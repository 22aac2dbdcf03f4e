using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steadfast.Platform.Data;

namespace Steadfast.Automation.Rules;

/// <summary>An enabled rule as the save hook and the runner read it, parsed once.</summary>
internal sealed record ActiveRule(Guid Id, string Name, int Revision, string RecordType, RuleDefinition Definition, Guid OwnerId)
{
    /// <summary>Since when the rule is on: an event saved before then is not its business.</summary>
    public DateTime? EnabledAtUtc { get; init; }
}

/// <summary>
/// The enabled rules in memory, so that a save decides whether any rule listens without a query. This node's own rule
/// saves reload it at once; another node's reach it within <see cref="Refresh"/>.
/// </summary>
internal sealed class RuleIndex(IServiceScopeFactory scopes, ILogger<RuleIndex> log) : BackgroundService
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(15);
    private volatile IReadOnlyList<ActiveRule> _rules = [];

    public IReadOnlyList<ActiveRule> Rules => _rules;

    public bool Listens(string recordType, TriggerKind kind)
    {
        foreach (var r in _rules)
            if (r.Definition.Trigger.Kind == kind && r.RecordType == recordType)
                return true;
        return false;
    }

    public IEnumerable<ActiveRule> For(string recordType) => _rules.Where(r => r.RecordType == recordType);

    /// <summary>
    /// The rules enabled now for a record type, as the database says: only ids and revisions are read, the parsed definitions
    /// come from memory unless a rule changed since the last reload.
    /// </summary>
    public async Task<List<ActiveRule>> EnabledAsync(AppDbContext db, string recordType, CancellationToken ct)
    {
        var now = await db.Set<Rule>()
            .AsNoTracking()
            .Where(r => r.Enabled && r.RecordType == recordType)
            .Select(r => new { r.Id, r.Revision })
            .ToListAsync(ct);
        var known = _rules.ToDictionary(r => r.Id);
        var list = new List<ActiveRule>(now.Count);
        foreach (var r in now)
            if (known.TryGetValue(r.Id, out var hit) && hit.Revision == r.Revision)
                list.Add(hit);
            else if (await RuleStore.ActiveAsync(db, r.Id, ct) is { } fresh)
                list.Add(fresh);
        return list;
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db.Set<Rule>().AsNoTracking().Where(r => r.Enabled).ToListAsync(ct);
        _rules = [.. rows.Select(RuleStore.Active)];
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Refresh);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await TryReloadAsync(stoppingToken);
    }

    private async Task TryReloadAsync(CancellationToken ct)
    {
        try
        {
            await ReloadAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Before the first migration the table is not there yet; the next tick tries again.
            log.LogWarning(ex, "Could not read the enabled rules; keeping the last ones");
        }
    }
}
