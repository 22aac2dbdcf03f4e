using Steadfast.Automation.Approvals;
using Steadfast.Automation.Rules;
using Steadfast.Platform.Automation;

namespace Steadfast.UnitTests.Automation;

/// <summary>What an approval process is made of, without a database: its stored form and the editor's form of it.</summary>
public sealed class ApprovalLogicTests
{
    private static readonly ProcessDefinition Parts = new()
    {
        Conditions = new RuleConditions
        {
            Match = MatchMode.Any,
            Items =
            [
                new RuleCondition("EstimatedValue", ConditionOp.GreaterThan, "2000"),
                new RuleCondition("FitsMachine", ConditionOp.Equals, "False"),
            ],
        },
        Steps =
        [
            new ApprovalStep
            {
                Name = "服务经理审批",
                Approver = new Approver(ApproverKind.Role, "ServiceManager"),
                LimitHours = 8,
                EscalateTo = new Approver(ApproverKind.ApproversManager),
            },
            new ApprovalStep
            {
                Name = "财务会签",
                Approver = new Approver(ApproverKind.Role, "Finance"),
                Mode = StepMode.All,
            },
        ],
    };

    [Fact]
    public void A_process_is_stored_as_json_with_its_enums_by_name_and_read_back_whole()
    {
        var json = Parts.ToJson();
        Assert.Contains("\"approversManager\"", json, StringComparison.Ordinal);
        Assert.Contains("\"all\"", json, StringComparison.Ordinal);
        Assert.Equal(json, ProcessDefinition.FromJson(json).ToJson());
    }

    [Fact]
    public void The_editor_form_gives_back_the_process_it_was_made_from()
    {
        var dto = new ProcessDto(
            Guid.NewGuid(),
            "备件申领审批",
            "partrequest",
            "",
            0,
            true,
            1,
            Parts,
            "",
            0,
            new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc),
            1
        );
        Assert.Equal(Parts.ToJson(), ProcessForm.From(dto).ToDefinition().ToJson());
    }

    [Fact]
    public void A_manager_approver_carries_no_value_and_no_escalation_means_none()
    {
        var step = new StepForm
        {
            Name = "上级",
            Kind = ApproverKind.RequestersManager,
            Value = "leftover",
        }.ToStep();
        Assert.Null(step.Approver.Value);
        Assert.Null(step.EscalateTo);
    }

    [Theory]
    [InlineData("5000000", true)]
    [InlineData("200000", false)]
    public void The_parts_process_reads_the_value_in_yuan(string fen, bool applies)
    {
        var type = new Steadfast.Inventory.Automation.PartRequestRecordType();
        var values = new Dictionary<string, string?> { ["EstimatedValue"] = fen, ["FitsMachine"] = "True" };
        Assert.Equal(applies, RuleEvaluator.Evaluate(Parts.Conditions, type.Fields, values).Matched);
    }
}
