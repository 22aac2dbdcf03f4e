using Steadfast.Automation.Rules;

namespace Steadfast.Automation.Approvals;

/// <summary>The editor's working copy of an approval process.</summary>
public sealed class ProcessForm
{
    public string Name { get; set; } = "";
    public string? RecordType { get; set; } = "partrequest";
    public int Order { get; set; }
    public bool Enabled { get; set; } = true;
    public ConditionsForm When { get; private set; } = new();
    public List<StepForm> Steps { get; } = [];

    public ProcessDefinition ToDefinition() => new() { Conditions = When.ToConditions(), Steps = [.. Steps.Select(s => s.ToStep())] };

    public static ProcessForm From(ProcessDto p)
    {
        var form = new ProcessForm
        {
            Name = p.Name,
            RecordType = p.RecordType,
            Order = p.Order,
            Enabled = p.Enabled,
            When = ConditionsForm.From(p.Definition.Conditions),
        };
        form.Steps.AddRange(p.Definition.Steps.Select(StepForm.From));
        return form;
    }
}

public sealed class StepForm
{
    public string Name { get; set; } = "";
    public ApproverKind Kind { get; set; } = ApproverKind.Role;
    public string? Value { get; set; }
    public StepMode Mode { get; set; }
    public int? LimitHours { get; set; }
    public ApproverKind? EscalateKind { get; set; }
    public string? EscalateValue { get; set; }

    public static bool NeedsValue(ApproverKind? k) => k is ApproverKind.User or ApproverKind.Role or ApproverKind.Field;

    public ApprovalStep ToStep() =>
        new()
        {
            Name = Name,
            Approver = new Approver(Kind, NeedsValue(Kind) ? Value : null),
            Mode = Mode,
            LimitHours = LimitHours,
            EscalateTo = EscalateKind is { } e ? new Approver(e, NeedsValue(e) ? EscalateValue : null) : null,
        };

    public static StepForm From(ApprovalStep s) =>
        new()
        {
            Name = s.Name,
            Kind = s.Approver.Kind,
            Value = s.Approver.Value,
            Mode = s.Mode,
            LimitHours = s.LimitHours,
            EscalateKind = s.EscalateTo?.Kind,
            EscalateValue = s.EscalateTo?.Value,
        };
}
