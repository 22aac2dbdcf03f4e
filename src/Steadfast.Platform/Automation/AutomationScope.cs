namespace Steadfast.Platform.Automation;

/// <summary>
/// Which rule's actions the current unit of work carries out, and how deep in a chain of rules it is: a change made by
/// a rule does not trigger that rule again, and a chain stops at <see cref="MaxDepth"/>.
/// </summary>
public sealed class AutomationScope
{
    public const int MaxDepth = 5;

    public Guid? RuleId { get; private set; }
    public int Depth { get; private set; }

    public void Enter(Guid ruleId, int depth)
    {
        RuleId = ruleId;
        Depth = depth;
    }
}
