using Steadfast.Platform.Automation;
using Steadfast.Sales.Leads;
using Steadfast.Sales.Opportunities;

namespace Steadfast.Sales.Automation;

/// <summary>Leads as rules see them: the 24-hour rule times from AssignedAtUtc and checks FirstContactAtUtc.</summary>
internal sealed class LeadRecordType : AutomationRecordType
{
    public override string Name => Lead.RecordTypeName;
    public override Type Entity => typeof(Lead);
    public override string LabelKey => "Automation.Record.lead";
    public override string TitleField => nameof(Lead.Number);
    public override string? OwnerField => nameof(Lead.OwnerId);

    public override IReadOnlyList<AutomationField> Fields { get; } =
    [
        new(nameof(Lead.Number), FieldKind.Text, "Leads.Number"),
        new(nameof(Lead.CompanyName), FieldKind.Text, "Leads.Company"),
        new(nameof(Lead.ContactName), FieldKind.Text, "Leads.Contact"),
        new(nameof(Lead.Status), FieldKind.Choice, "Leads.Status")
        {
            Choices = Enum.GetNames<LeadStatus>(),
            ChoiceLabelPrefix = "Leads.Status.",
        },
        new(nameof(Lead.Source), FieldKind.Choice, "Leads.Source")
        {
            Choices = Enum.GetNames<LeadSource>(),
            ChoiceLabelPrefix = "Leads.Source.",
        },
        new(nameof(Lead.Province), FieldKind.Text, "Leads.Province"),
        new(nameof(Lead.Industry), FieldKind.Text, "Leads.Industry"),
        new(nameof(Lead.ProductCategory), FieldKind.Text, "Leads.Category"),
        new(nameof(Lead.EstimatedAmount), FieldKind.Money, "Leads.Amount"),
        new(nameof(Lead.OwnerId), FieldKind.User, "Leads.Owner"),
        new(nameof(Lead.AssignedAtUtc), FieldKind.DateTime, "Leads.AssignedAt") { Timed = true },
        new(nameof(Lead.FirstContactAtUtc), FieldKind.DateTime, "Leads.FirstContact"),
        new(nameof(Lead.CreatedAtUtc), FieldKind.DateTime, "Leads.Created") { Timed = true },
    ];

    public override string Link(Guid id) => $"/leads/{id}";
}

internal sealed class OpportunityRecordType : AutomationRecordType
{
    public override string Name => Opportunity.RecordTypeName;
    public override Type Entity => typeof(Opportunity);
    public override string LabelKey => "Automation.Record.opportunity";
    public override string TitleField => nameof(Opportunity.Number);
    public override string? OwnerField => nameof(Opportunity.OwnerId);

    public override IReadOnlyList<AutomationField> Fields { get; } =
    [
        new(nameof(Opportunity.Number), FieldKind.Text, "Opportunities.Number"),
        new(nameof(Opportunity.Title), FieldKind.Text, "Opportunities.Title"),
        new(nameof(Opportunity.CustomerName), FieldKind.Text, "Opportunities.Customer"),
        new(nameof(Opportunity.Status), FieldKind.Choice, "Opportunities.Status")
        {
            Choices = Enum.GetNames<StageKind>(),
            ChoiceLabelPrefix = "Stages.Kind.",
        },
        new(nameof(Opportunity.Probability), FieldKind.Number, "Opportunities.Probability"),
        new(nameof(Opportunity.Amount), FieldKind.Money, "Opportunities.Amount"),
        new(nameof(Opportunity.ExpectedCloseOn), FieldKind.Date, "Opportunities.CloseOn") { Timed = true },
        new(nameof(Opportunity.Province), FieldKind.Text, "Leads.Province"),
        new(nameof(Opportunity.OwnerId), FieldKind.User, "Leads.Owner"),
        new(nameof(Opportunity.AssignedAtUtc), FieldKind.DateTime, "Leads.AssignedAt") { Timed = true },
        new(nameof(Opportunity.FirstContactAtUtc), FieldKind.DateTime, "Leads.FirstContact"),
    ];

    public override string Link(Guid id) => $"/opportunities/{id}";
}

/// <summary>Quotes as approval processes see them: the largest discount and the totals.</summary>
internal sealed class QuoteRecordType : AutomationRecordType
{
    public override string Name => Quotes.Quote.RecordTypeName;
    public override Type Entity => typeof(Quotes.Quote);
    public override string LabelKey => "Automation.Record.quote";
    public override string TitleField => nameof(Quotes.Quote.Number);
    public override string? OwnerField => nameof(Quotes.Quote.CreatedById);

    public override IReadOnlyList<AutomationField> Fields { get; } =
    [
        new(nameof(Quotes.Quote.Number), FieldKind.Text, "Quotes.Number"),
        new(nameof(Quotes.Quote.CustomerName), FieldKind.Text, "Opportunities.Customer"),
        new(nameof(Quotes.Quote.MaxDiscountPercent), FieldKind.Number, "Quotes.MaxDiscount"),
        new(nameof(Quotes.Quote.ListTotal), FieldKind.Money, "Quotes.ListTotal"),
        new(nameof(Quotes.Quote.NetTotal), FieldKind.Money, "Quotes.NetTotal"),
        new(nameof(Quotes.Quote.Status), FieldKind.Choice, "Quotes.Status")
        {
            Choices = Enum.GetNames<Quotes.QuoteStatus>(),
            ChoiceLabelPrefix = "Quotes.Status.",
        },
        new(nameof(Quotes.Quote.CreatedById), FieldKind.User, "Quotes.By"),
    ];

    public override string Link(Guid id) => $"/quotes/{id}/print";
}

/// <summary>ECNs as tasks link to them (the account managers' confirmations) and rules may watch them.</summary>
internal sealed class EcnRecordType : AutomationRecordType
{
    public override string Name => Ecn.Ecn.RecordTypeName;
    public override Type Entity => typeof(Ecn.Ecn);
    public override string LabelKey => "Automation.Record.ecn";
    public override string TitleField => nameof(Ecn.Ecn.Number);
    public override string? OwnerField => nameof(Ecn.Ecn.CreatedById);

    public override IReadOnlyList<AutomationField> Fields { get; } =
    [
        new(nameof(Ecn.Ecn.Number), FieldKind.Text, "Ecn.Number"),
        new(nameof(Ecn.Ecn.Title), FieldKind.Text, "Ecn.Title"),
        new(nameof(Ecn.Ecn.Status), FieldKind.Choice, "Ecn.Status")
        {
            Choices = Enum.GetNames<Ecn.EcnStatus>(),
            ChoiceLabelPrefix = "Ecn.Status.",
        },
        new(nameof(Ecn.Ecn.EffectiveOn), FieldKind.Date, "Ecn.EffectiveOn") { Timed = true },
        new(nameof(Ecn.Ecn.Customers), FieldKind.Number, "Ecn.Customers"),
        new(nameof(Ecn.Ecn.CreatedById), FieldKind.User, "Ecn.CreatedBy"),
    ];

    public override string Link(Guid id) => $"/ecn/{id}";
}

/// <summary>Custom projects as rules see them: a rule can time from the current stage's due date (a late stage).</summary>
internal sealed class ProjectRecordType : AutomationRecordType
{
    public override string Name => Projects.Project.RecordTypeName;
    public override Type Entity => typeof(Projects.Project);
    public override string LabelKey => "Automation.Record.project";
    public override string TitleField => nameof(Projects.Project.Number);
    public override string? OwnerField => nameof(Projects.Project.OwnerId);

    public override IReadOnlyList<AutomationField> Fields { get; } =
    [
        new(nameof(Projects.Project.Number), FieldKind.Text, "Projects.Number"),
        new(nameof(Projects.Project.Name), FieldKind.Text, "Projects.Name"),
        new(nameof(Projects.Project.CustomerName), FieldKind.Text, "Opportunities.Customer"),
        new(nameof(Projects.Project.Status), FieldKind.Choice, "Projects.Status")
        {
            Choices = Enum.GetNames<Projects.ProjectStatus>(),
            ChoiceLabelPrefix = "Projects.Status.",
        },
        new(nameof(Projects.Project.CurrentStageName), FieldKind.Text, "Projects.Stage"),
        new(nameof(Projects.Project.CurrentStageDueOn), FieldKind.Date, "Projects.StageDue") { Timed = true },
        new(nameof(Projects.Project.PlannedEndOn), FieldKind.Date, "Projects.PlannedEnd") { Timed = true },
        new(nameof(Projects.Project.OwnerId), FieldKind.User, "Leads.Owner"),
    ];

    public override string Link(Guid id) => $"/projects/{id}";
}

/// <summary>Contracts as approval processes and rules see them: amount, discount, non-standard terms, end date.</summary>
internal sealed class ContractRecordType : AutomationRecordType
{
    public override string Name => Contracts.Contract.RecordTypeName;
    public override Type Entity => typeof(Contracts.Contract);
    public override string LabelKey => "Automation.Record.contract";
    public override string TitleField => nameof(Contracts.Contract.Number);
    public override string? OwnerField => nameof(Contracts.Contract.OwnerId);

    public override IReadOnlyList<AutomationField> Fields { get; } =
    [
        new(nameof(Contracts.Contract.Number), FieldKind.Text, "Contracts.Number"),
        new(nameof(Contracts.Contract.Title), FieldKind.Text, "Contracts.Title"),
        new(nameof(Contracts.Contract.CustomerName), FieldKind.Text, "Opportunities.Customer"),
        new(nameof(Contracts.Contract.Kind), FieldKind.Choice, "Contracts.Kind")
        {
            Choices = Enum.GetNames<Contracts.ContractKind>(),
            ChoiceLabelPrefix = "Contracts.Kind.",
        },
        new(nameof(Contracts.Contract.Status), FieldKind.Choice, "Contracts.Status")
        {
            Choices = Enum.GetNames<Contracts.ContractStatus>(),
            ChoiceLabelPrefix = "Contracts.Status.",
        },
        new(nameof(Contracts.Contract.Amount), FieldKind.Money, "Contracts.Amount"),
        new(nameof(Contracts.Contract.DiscountPercent), FieldKind.Number, "Contracts.Discount"),
        new(nameof(Contracts.Contract.NonStandardTerms), FieldKind.Flag, "Contracts.NonStandard"),
        new(nameof(Contracts.Contract.EndsOn), FieldKind.Date, "Contracts.EndsOn") { Timed = true },
        new(nameof(Contracts.Contract.Received), FieldKind.Money, "Contracts.Received"),
        new(nameof(Contracts.Contract.OwnerId), FieldKind.User, "Leads.Owner"),
    ];

    public override string Link(Guid id) => $"/contracts/{id}";
}

/// <summary>Instalments as the payment reminders see them: rules time from the due date (before, on, after it).</summary>
internal sealed class InstalmentRecordType : AutomationRecordType
{
    public override string Name => "instalment";
    public override Type Entity => typeof(Receivables.Instalment);
    public override string LabelKey => "Automation.Record.instalment";
    public override string TitleField => nameof(Receivables.Instalment.ContractNumber);
    public override string? OwnerField => nameof(Receivables.Instalment.OwnerId);

    public override IReadOnlyList<AutomationField> Fields { get; } =
    [
        new(nameof(Receivables.Instalment.ContractNumber), FieldKind.Text, "Contracts.Number"),
        new(nameof(Receivables.Instalment.Name), FieldKind.Text, "Contracts.Instalment"),
        new(nameof(Receivables.Instalment.CustomerName), FieldKind.Text, "Opportunities.Customer"),
        new(nameof(Receivables.Instalment.Region), FieldKind.Text, "Leads.Province"),
        new(nameof(Receivables.Instalment.DueOn), FieldKind.Date, "Contracts.DueOn") { Timed = true },
        new(nameof(Receivables.Instalment.Amount), FieldKind.Money, "Contracts.Amount"),
        new(nameof(Receivables.Instalment.Open), FieldKind.Money, "Contracts.Open"),
        new(nameof(Receivables.Instalment.Owed), FieldKind.Flag, "Contracts.Owed"),
        new(nameof(Receivables.Instalment.OwnerId), FieldKind.User, "Leads.Owner"),
    ];

    public override string Link(Guid id) => $"/receivables/instalments/{id}";
}
