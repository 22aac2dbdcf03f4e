using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Automation.Rules;
using Steadfast.Inventory.Public;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Jobs;

namespace Steadfast.Automation.Approvals;

/// <summary>A step's time limit come due: escalates it if it still waits (the payload names the round and step).</summary>
internal sealed class ApprovalEscalation : IDueItemHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string Kind => ApprovalEngine.EscalateKind;

    public Task HandleAsync(DueItem item, IServiceProvider services, CancellationToken ct) =>
        services
            .GetRequiredService<ApprovalEngine>()
            .EscalateAsync(
                Guid.Parse(item.SubjectId),
                JsonSerializer.Deserialize<ApprovalEngine.EscalateAt>(item.Payload, Json) ?? new ApprovalEngine.EscalateAt(0, 0),
                ct
            );
}

/// <summary>The digest's approvals line: approvals waiting for the user's decision.</summary>
internal sealed class ApprovalsDigest(AppDbContext db) : IDigestSection
{
    public async Task<DigestLine?> ForAsync(Guid userId, IReadOnlyCollection<string> roles, DateOnly today, CancellationToken ct) =>
        new(
            "approvals",
            await db.Set<ApprovalVote>()
                .Where(v => v.UserId == userId && v.Decision == VoteDecision.Waiting)
                .Select(v => v.ApprovalId)
                .Distinct()
                .CountAsync(ct)
        );
}

/// <summary>
/// The parts-request approval every installation starts with, made once: worth more than the threshold the inventory
/// settings held, or a part that does not fit the order's machine, goes to the service manager; eight working hours later
/// it escalates to their manager.
/// </summary>
internal sealed class ApprovalDefaults(AppDbContext db, TimeProvider clock) : IShippedData
{
    public const string PartsKey = "partrequest.default";

    /// <summary>Seed 002: a quote discounted more than 10 % on any line goes to the sales managers.</summary>
    public const string QuotesKey = "quote.default";

    /// <summary>
    /// Seeds 000/002: a contract over ¥500,000, discounted more than 10 % or with non-standard terms goes to the sales managers.
    /// </summary>
    public const string ContractsKey = "contract.default";

    public async Task EnsureAsync(CancellationToken ct)
    {
        await EnsureQuotesAsync(ct);
        await EnsureContractsAsync(ct);
        if (await db.Set<ApprovalProcess>().AnyAsync(p => p.Key == PartsKey, ct))
            return;
        var threshold = await PartRequestApproval.SettingsThresholdAsync(db, ct) / 100m;
        var def = new ProcessDefinition
        {
            Conditions = new RuleConditions
            {
                Match = MatchMode.Any,
                Items =
                [
                    new RuleCondition(
                        "EstimatedValue",
                        ConditionOp.GreaterThan,
                        threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    ),
                    new RuleCondition("FitsMachine", ConditionOp.Equals, "False"),
                ],
            },
            Steps =
            [
                new ApprovalStep
                {
                    Name = "服务经理审批",
                    Approver = new Approver(ApproverKind.Role, Roles.ServiceManager),
                    LimitHours = 8,
                    EscalateTo = new Approver(ApproverKind.ApproversManager),
                },
            ],
        };
        await AddOnceAsync(PartsKey, "备件申领审批", PartRequestApproval.RecordType, 0, def, ct);
    }

    private async Task EnsureQuotesAsync(CancellationToken ct)
    {
        if (await db.Set<ApprovalProcess>().AnyAsync(p => p.Key == QuotesKey, ct))
            return;
        var def = new ProcessDefinition
        {
            Conditions = new RuleConditions { Items = [new RuleCondition("MaxDiscountPercent", ConditionOp.GreaterThan, "10")] },
            Steps =
            [
                new ApprovalStep
                {
                    Name = "销售经理审批折扣",
                    Approver = new Approver(ApproverKind.Role, Roles.SalesManager),
                    LimitHours = 8,
                    EscalateTo = new Approver(ApproverKind.Role, Roles.Executive),
                },
            ],
        };
        await AddOnceAsync(QuotesKey, "报价折扣审批", Sales.Public.SalesRecords.Quote, 10, def, ct);
    }

    private async Task EnsureContractsAsync(CancellationToken ct)
    {
        if (await db.Set<ApprovalProcess>().AnyAsync(p => p.Key == ContractsKey, ct))
            return;
        var def = new ProcessDefinition
        {
            Conditions = new RuleConditions
            {
                Match = MatchMode.Any,
                Items =
                [
                    new RuleCondition("Amount", ConditionOp.GreaterThan, "500000"),
                    new RuleCondition("DiscountPercent", ConditionOp.GreaterThan, "10"),
                    new RuleCondition("NonStandardTerms", ConditionOp.Equals, "True"),
                ],
            },
            Steps =
            [
                new ApprovalStep
                {
                    Name = "销售经理审批合同",
                    Approver = new Approver(ApproverKind.Role, Roles.SalesManager),
                    LimitHours = 8,
                    EscalateTo = new Approver(ApproverKind.Role, Roles.Executive),
                },
            ],
        };
        await AddOnceAsync(ContractsKey, "合同审批", Sales.Public.SalesRecords.Contract, 20, def, ct);
    }

    /// <summary>Adds a shipped process; another node starting at the same moment may have made it (the key is unique).</summary>
    private async Task AddOnceAsync(string key, string name, string recordType, int order, ProcessDefinition def, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(
            new ApprovalProcess
            {
                Id = Guid.CreateVersion7(),
                Key = key,
                Name = name,
                RecordType = recordType,
                Order = order,
                Enabled = true,
                Definition = def.ToJson(),
                CreatedAtUtc = now,
                UpdatedAtUtc = now,
            }
        );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }
}
