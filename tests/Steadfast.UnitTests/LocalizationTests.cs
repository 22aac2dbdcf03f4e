using System.Text.RegularExpressions;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Company;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Identity;

namespace Steadfast.UnitTests;

/// <summary>Every string a user sees exists in both languages.</summary>
public sealed partial class LocalizationTests
{
    private static readonly IReadOnlyDictionary<string, string> En = Strings.Tables.Table("en");
    private static readonly IReadOnlyDictionary<string, string> Zh = Strings.Tables.Table("zh-CN");

    [Fact]
    public void Both_languages_have_the_same_keys()
    {
        Assert.Empty(En.Keys.Except(Zh.Keys));
        Assert.Empty(Zh.Keys.Except(En.Keys));
        Assert.True(En.Count > 200);
    }

    [Fact]
    public void The_chinese_table_is_translated_not_copied()
    {
        var same = En.Keys.Where(k => En[k] == Zh[k] && !Regex.IsMatch(En[k], "^[\\d{}.,:;\\s/-]*$")).ToList();
        Assert.True(same.Count < En.Count / 50, "Not translated: " + string.Join(", ", same));
        Assert.All(Zh.Where(kv => kv.Key.StartsWith("Nav.", StringComparison.Ordinal)), kv =>
            Assert.Matches("\\p{IsCJKUnifiedIdeographs}", kv.Value)
        );
    }

    [Fact]
    public void Every_key_the_code_uses_exists()
    {
        var root = RepoRoot();
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (
            var file in Directory
                .EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
                .Where(f =>
                    (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                    && !f.Contains("/obj/", StringComparison.Ordinal)
                )
        )
        {
            foreach (Match m in KeyUse().Matches(File.ReadAllText(file)))
                if (!En.ContainsKey(m.Groups[1].Value))
                    missing.Add($"{m.Groups[1].Value} ({Path.GetFileName(file)})");
        }
        Assert.True(missing.Count == 0, "Missing strings: " + string.Join(", ", missing));
    }

    [Fact]
    public void Keys_built_from_enums_and_roles_exist()
    {
        IEnumerable<string> keys =
        [
            .. Roles.All.Select(r => $"Role.{r}"),
            .. Enum.GetNames<DayOfWeek>().Select(d => $"Day.{d}"),
            .. Enum.GetNames<AuditAction>().Select(a => $"Audit.Action.{a}"),
            .. Enum.GetNames<CustomFieldType>().Select(t => $"CustomFields.Type.{t}"),
            .. Enum.GetNames<CalendarDayKind>().Select(k => $"Company.Kind.{k}"),
            .. Enum.GetNames<Customers.Public.CustomerTier>().Select(v => $"Customers.Tier.{v}"),
            .. Enum.GetNames<Customers.Public.CustomerStatus>().Select(v => $"Customers.Status.{v}"),
            .. Enum.GetNames<Customers.Contacts.DecisionRole>().Select(v => $"Contacts.Role.{v}"),
            .. Enum.GetNames<Customers.Activities.ActivityType>().Select(v => $"Activities.Type.{v}"),
            .. Enum.GetNames<Customers.Activities.ActivityType>().Select(v => $"Timeline.activity.{v}"),
            .. Enum.GetNames<Customers.Equipment.MachineStatus>().Select(v => $"Equipment.Status.{v}"),
            .. Enum.GetNames<Platform.ImportExport.ImportStatus>().Select(v => $"Import.Status.{v}"),
            .. Enum.GetNames<CustomFieldType>().Select(v => $"Import.Error.Read.{v.ToLowerInvariant()}"),
            .. new[] { "date", "number", "choice" }.Select(v => $"Import.Error.Read.{v}"),
            .. new[] { "customers", "equipment" }.Select(v => $"Import.Target.{v}"),
            .. new[] { "user", "customer", "product", "equipment" }.Select(v => $"RecordType.{v}"),
            .. new[]
            {
                "note",
                "contact",
                "machine",
                "created",
                "lifecycle.registered",
                "lifecycle.installed",
                "lifecycle.commissioned",
                "reading",
                "reading.meterReplaced",
                "attachment",
                "workOrder.opened",
                "workOrder.closed",
                "complaint.opened",
                "complaint.closed",
                "visit",
                "survey",
                "callback",
                "part.fitted",
                "part.returned",
            }.Select(v => $"Timeline.{v}"),
            .. new[]
            {
                "activity",
                "note",
                "contact",
                "machine",
                "created",
                "lifecycle",
                "reading",
                "attachment",
                "workOrder",
                "complaint",
                "visit",
                "survey",
                "callback",
                "part",
            }.Select(v => $"TimelineKind.{v}"),
            .. new[] { "NotExcel", "TooLarge" }.Select(v => $"Import.Error.{v}"),
            .. Enum.GetNames<Service.WorkOrders.WorkOrderStatus>().Select(v => $"WorkOrders.Status.{v}"),
            .. Enum.GetNames<Service.WorkOrders.Severity>().Select(v => $"WorkOrders.Severity.{v}"),
            .. Enum.GetNames<Service.WorkOrders.Severity>().Select(v => $"Scan.Urgency.{v}"),
            .. Enum.GetNames<Service.WorkOrders.WorkOrderType>().Select(v => $"WorkOrders.Type.{v}"),
            .. Enum.GetNames<Service.WorkOrders.WorkOrderSource>().Select(v => $"WorkOrders.Source.{v}"),
            .. Service.WorkOrders.WorkOrderFlow.Transitions.Select(t => $"WorkOrders.Action.{t.To}"),
            .. Service.WorkOrders.TransitionDialog.RootCauses.Select(c => $"WorkOrders.RootCause.{c}"),
            .. Enum.GetNames<Service.Sla.SlaTarget>().Select(v => $"Sla.Target.{v}"),
            .. Enum.GetNames<Service.Sla.SlaClock>().Select(v => $"Sla.Clock.{v}"),
            .. Enum.GetNames<Service.WorkOrders.SlaState>().Select(v => $"Sla.State.{v}"),
            .. Enum.GetNames<Service.Surveys.CallbackOutcome>().Select(v => $"Callback.Outcome.{v}"),
            .. Enum.GetNames<Platform.Files.AttachmentKind>().Select(v => $"Attachments.Kind.{v}"),
            .. Enum.GetNames<Platform.Notifications.WebhookFormat>().Select(v => $"NotifySettings.Format.{v}"),
            .. Enum.GetNames<Platform.Notifications.MailSecurity>().Select(v => $"NotifySettings.Security.{v}"),
            .. Platform.Notifications.NotificationService.Kinds.SelectMany(k =>
                new[] { $"NotifySettings.Event.{k}", $"Notify.{k}.Title", $"Notify.{k}.Body" }
            ),
            .. new[] { 7, 30, 90, 365, 730 }.Select(d => $"Dashboard.Last.{d}"),
            .. Service.Sla.SlaService.Recommended.Select(r => r.Key),
            .. Enum.GetNames<Inventory.Public.MovementKind>().Select(v => $"Stock.Kind.{v}"),
            .. Enum.GetNames<Inventory.Warehouses.WarehouseKind>().Select(v => $"Warehouses.Kind.{v}"),
            .. Enum.GetNames<Inventory.Requests.RequestStatus>().Select(v => $"Requests.Status.{v}"),
            .. Enum.GetNames<Inventory.Counts.CountStatus>().Select(v => $"Counts.Status.{v}"),
            .. Enum.GetNames<Inventory.Stock.TransferStatus>().Select(v => $"Transfers.Status.{v}"),
            .. Enum.GetNames<Inventory.Reports.ConsumptionGroup>().Select(v => $"Reports.Group.{v}"),
            .. new[] { Inventory.Requests.RequestService.WaitsApproval, Inventory.Requests.RequestService.WaitsStock }.Select(v =>
                $"Requests.Rule.{v}"
            ),
            .. new[] { "parts", "opening-balances" }.Select(v => $"Import.Target.{v}"),
            .. Enum.GetNames<Steadfast.Automation.Rules.ActionKind>().Select(v => $"Rules.ActionKind.{v}"),
            .. Enum.GetNames<Steadfast.Automation.Rules.RecipientKind>().Select(v => $"Rules.Recipient.{v}"),
            .. Enum.GetNames<Platform.Automation.FieldKind>().Select(v => $"Rules.Kind.{v}"),
            .. Enum.GetNames<Platform.Automation.ApprovalStatus>().Select(v => $"Approvals.Status.{v}"),
            .. Enum.GetNames<Platform.Automation.ApprovalVerdict>().Select(v => $"Approvals.Done.{v}"),
            .. Enum.GetNames<Steadfast.Automation.Approvals.VoteDecision>().Select(v => $"Approvals.Vote.{v}"),
            .. Enum.GetNames<Steadfast.Automation.Approvals.ApproverKind>().Select(v => $"Approvals.Approver.{v}"),
            .. new[] { "RequestersManager", "OwnersManager", "ApproversManager" }.Select(v => $"Approvals.Say.{v}"),
            .. Enum.GetNames<Steadfast.Automation.Approvals.StepMode>().Select(v => $"Approvals.Mode.{v}"),
            .. Enum.GetNames<Steadfast.Automation.Approvals.ApprovalScope>().Select(v => $"Approvals.Scope.{v}"),
            .. Enum.GetNames<Steadfast.Automation.Approvals.LinkProblem>().Select(v => $"Approvals.Link.{v}"),
            .. new[] { "page", "link" }.Select(v => $"Approvals.Via.{v}"),
            "RecordType.part",
        ];
        Assert.DoesNotContain(keys, k => !En.ContainsKey(k));
    }

    [Fact]
    public void The_localizer_follows_the_current_culture_and_formats_arguments()
    {
        var t = Strings.Localizer();
        using (Strings.Culture("zh-CN"))
            Assert.Equal("欢迎，王工", t["Home.Welcome", "王工"]);
        using (Strings.Culture("zh-TW"))
            Assert.Equal("首页", t["Nav.Home"]);
        using (Strings.Culture("en-GB"))
            Assert.Equal("Home", t["Nav.Home"]);
        using (Strings.Culture("fr-FR"))
            Assert.Equal("Home", t["Nav.Home"]);
        Assert.True(t["No.Such.Key"].ResourceNotFound);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Steadfast.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Steadfast.slnx not found above the test output.");
    }

    [GeneratedRegex("""\b(?:L|T|t)\["([A-Za-z0-9_.]+)"[\],]""")]
    private static partial Regex KeyUse();
}
