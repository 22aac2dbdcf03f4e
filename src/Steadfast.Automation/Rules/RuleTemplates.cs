using Steadfast.Platform.Identity;

namespace Steadfast.Automation.Rules;

/// <summary>
/// The seed articles' three rules, ready to switch on (seed 002): a stopped line reaches the service manager's robot at
/// once; an order nobody has touched in a day turns up with the supervisor; a renewal prompt 30 days before the end.
/// ① watches work orders, leads and opportunities; until contracts exist, ③ watches machines' warranty ends.
/// </summary>
internal static class RuleTemplates
{
    internal sealed record Template(string Key, string RecordType, Func<Guid?, RuleDefinition> Build);

    /// <summary>The contracts module's rules: payment reminders and the renewal prompt.</summary>
    private static readonly Template[] Deals =
    [
        new("payment-due-7d", "instalment", _ =>
            Payment(
                -7,
                [new Recipient(RecipientKind.Owner), new Recipient(RecipientKind.Role, Roles.Finance)],
                "回款提醒：{CustomerName} 合同 {ContractNumber}「{Name}」{Open} 将于 {DueOn} 到期",
                "Payment due: {CustomerName}, contract {ContractNumber} \"{Name}\" {Open} falls due on {DueOn}"
            )
        ),
        new("payment-due-today", "instalment", _ =>
            Payment(
                0,
                [new Recipient(RecipientKind.Owner)],
                "今日到期：{CustomerName} 合同 {ContractNumber}「{Name}」{Open}",
                "Due today: {CustomerName}, contract {ContractNumber} \"{Name}\" {Open}"
            )
        ),
        new("payment-overdue-1d", "instalment", _ =>
            Payment(
                1,
                [new Recipient(RecipientKind.Owner)],
                "回款逾期：{CustomerName} 合同 {ContractNumber}「{Name}」{Open} 已于 {DueOn} 到期未付",
                "Overdue: {CustomerName}, contract {ContractNumber} \"{Name}\" {Open} was due on {DueOn}"
            )
        ),
        new("payment-overdue-15d", "instalment", _ =>
            Payment(
                15,
                [new Recipient(RecipientKind.OwnersManager), new Recipient(RecipientKind.Role, Roles.SalesManager)],
                "回款逾期 15 天（升级）：{CustomerName} 合同 {ContractNumber}「{Name}」{Open}",
                "15 days overdue (escalated): {CustomerName}, contract {ContractNumber} \"{Name}\" {Open}"
            )
        ),
        new("payment-overdue-30d", "instalment", _ =>
            Payment(
                30,
                [new Recipient(RecipientKind.Role, Roles.Finance)],
                "回款逾期 30 天（财务跟进）：{CustomerName} 合同 {ContractNumber}「{Name}」{Open}",
                "30 days overdue (finance): {CustomerName}, contract {ContractNumber} \"{Name}\" {Open}"
            )
        ),
        new("contract-renewal-60d", "contract", _ => Renewal()),
    ];

    public static readonly IReadOnlyList<Template> All = [new("stopped-line", "workorder", robot => new RuleDefinition
        {
            Trigger = new RuleTrigger { Kind = TriggerKind.Created },
            Conditions = new RuleConditions { Items = [new RuleCondition("Severity", ConditionOp.Equals, "StoppedProduction")] },
            Actions =
            [
                new RuleAction
                {
                    Kind = ActionKind.Notify,
                    To = [new Recipient(RecipientKind.Role, Roles.ServiceManager)],
                    Channels = robot is null ? [Channel.Bell] : [Channel.Bell, Channel.Robot],
                    EndpointId = robot,
                    TextZh = "停产报修 {Number}：{customer.Name}（{customer.Tier}）{FaultDescription}",
                    TextEn = "Production stopped {Number}: {customer.Name} ({customer.Tier}) {FaultDescription}",
                },
            ],
        }), new("untouched-24h", "workorder", _ => new RuleDefinition
        {
            Trigger = new RuleTrigger
            {
                Kind = TriggerKind.Time,
                Field = "ReportedAtUtc",
                OffsetMinutes = 24 * 60,
            },
            Conditions = new RuleConditions { Items = [new RuleCondition("Status", ConditionOp.Equals, "New")] },
            Actions =
            [
                new RuleAction
                {
                    Kind = ActionKind.Notify,
                    To = [new Recipient(RecipientKind.Role, Roles.ServiceManager)],
                    Channels = [Channel.Bell, Channel.Mail],
                    TextZh = "{Number}（{customer.Name}）已 24 小时无人处理",
                    TextEn = "{Number} ({customer.Name}) has been untouched for 24 hours",
                },
                new RuleAction
                {
                    Kind = ActionKind.CreateTask,
                    To = [new Recipient(RecipientKind.Role, Roles.Dispatcher)],
                    TextZh = "立即派工：{Number}",
                    TextEn = "Dispatch now: {Number}",
                    DueHours = 2,
                    Priority = Tasks.TaskPriority.Urgent,
                },
            ],
        }), new("renewal-30d", "equipment", _ => new RuleDefinition
        {
            Trigger = new RuleTrigger
            {
                Kind = TriggerKind.Time,
                Field = "WarrantyEndsOn",
                OffsetMinutes = -30 * 24 * 60,
            },
            Conditions = new RuleConditions { Items = [new RuleCondition("Status", ConditionOp.NotEquals, "Scrapped")] },
            Actions =
            [
                new RuleAction
                {
                    Kind = ActionKind.CreateTask,
                    To = [new Recipient(RecipientKind.Owner)],
                    TextZh = "续保提醒：{customer.Name} 的 {SerialNumber} 质保 {WarrantyEndsOn} 到期",
                    TextEn = "Renewal: {SerialNumber} at {customer.Name}, warranty ends {WarrantyEndsOn}",
                    DueHours = 40,
                    BusinessHours = true,
                    Priority = Tasks.TaskPriority.High,
                },
            ],
        }), new("lead-untouched-24h", "lead", _ => LeadIdle()), new("opportunity-untouched-24h", "opportunity", _ => DealIdle()), .. Deals];

    /// <summary>
    /// Seed 000's payment reminders: days from the due date (before, on, after it), while the instalment is owed and open.
    /// The ladder of escalations (owner → sales manager → finance) is five rules the company can retime or switch off.
    /// </summary>
    private static RuleDefinition Payment(int days, IReadOnlyList<Recipient> to, string zh, string en) =>
        new()
        {
            Trigger = new RuleTrigger
            {
                Kind = TriggerKind.Time,
                Field = "DueOn",
                OffsetMinutes = days * 24 * 60,
            },
            Conditions = new RuleConditions
            {
                Items = [new RuleCondition("Owed", ConditionOp.Equals, "True"), new RuleCondition("Open", ConditionOp.GreaterThan, "0")],
            },
            Actions =
            [
                new RuleAction
                {
                    Kind = ActionKind.Notify,
                    To = [.. to],
                    Channels = [Channel.Bell, Channel.Mail],
                    TextZh = zh,
                    TextEn = en,
                },
            ],
        };

    /// <summary>Seed 002's rule ③ on contracts (seed 004: two months ahead): the owner gets a renewal task.</summary>
    private static RuleDefinition Renewal() =>
        new()
        {
            Trigger = new RuleTrigger
            {
                Kind = TriggerKind.Time,
                Field = "EndsOn",
                OffsetMinutes = -60 * 24 * 60,
            },
            Conditions = new RuleConditions
            {
                Items =
                [
                    new RuleCondition("Kind", ConditionOp.Equals, "Service"),
                    new RuleCondition("Status", ConditionOp.Equals, "Active"),
                ],
            },
            Actions =
            [
                new RuleAction
                {
                    Kind = ActionKind.CreateTask,
                    To = [new Recipient(RecipientKind.Owner)],
                    TextZh = "续约：{CustomerName} 的服务合同 {Number} 将于 {EndsOn} 到期",
                    TextEn = "Renewal: {CustomerName}'s service contract {Number} ends on {EndsOn}",
                    DueHours = 5 * 24,
                    Priority = Tasks.TaskPriority.High,
                },
            ],
        };

    /// <summary>
    /// Seed 002's rule ① for leads and opportunities: 24 hours after assignment with no contact, the owner's manager hears of
    /// it (the lists show it red from the same moment).
    /// </summary>
    private static RuleDefinition LeadIdle() =>
        Untouched(
            "线索 {Number}（{CompanyName}）分配 24 小时仍未联系",
            "Lead {Number} ({CompanyName}) not contacted 24 hours after assignment"
        );

    private static RuleDefinition DealIdle() =>
        Untouched(
            "商机 {Number}（{CustomerName}）分配 24 小时仍未跟进",
            "Opportunity {Number} ({CustomerName}) not followed up in 24 hours"
        );

    private static RuleDefinition Untouched(string zh, string en) =>
        new()
        {
            Trigger = new RuleTrigger
            {
                Kind = TriggerKind.Time,
                Field = "AssignedAtUtc",
                OffsetMinutes = 24 * 60,
            },
            Conditions = new RuleConditions
            {
                Items =
                [
                    new RuleCondition("Status", ConditionOp.Equals, "Open"),
                    new RuleCondition("FirstContactAtUtc", ConditionOp.IsEmpty, ""),
                ],
            },
            Actions =
            [
                new RuleAction
                {
                    Kind = ActionKind.Notify,
                    To = [new Recipient(RecipientKind.OwnersManager)],
                    Channels = [Channel.Bell, Channel.Mail],
                    TextZh = zh,
                    TextEn = en,
                },
            ],
        };
}
