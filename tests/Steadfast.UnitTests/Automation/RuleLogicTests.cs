using System.Globalization;
using Steadfast.Automation.Rules;
using Steadfast.Platform.Automation;

namespace Steadfast.UnitTests.Automation;

/// <summary>
/// The parts of a rule that need no database: conditions over values in the audit log's form, message placeholders,
/// the editor's form round trip and the plain-words account, in both languages.
/// </summary>
public sealed class RuleLogicTests
{
    private static readonly AutomationRecordType WorkOrders = new Steadfast.Service.Automation.WorkOrderRecordType();
    private static readonly RecordTypeView View = new(WorkOrders, WorkOrders.Fields);

    private static (bool, List<SeenValue>) Eval(RuleConditions c, Dictionary<string, string?> values) =>
        RuleEvaluator.Evaluate(c, WorkOrders.Fields, values);

    [Theory]
    [InlineData(FieldKind.Number, ConditionOp.AtLeast, "5000", "1000", true)]
    [InlineData(FieldKind.Number, ConditionOp.AtLeast, "50", "1000", false)]
    [InlineData(FieldKind.Number, ConditionOp.LessThan, "9.5", "10", true)]
    [InlineData(FieldKind.Number, ConditionOp.LessThan, null, "10", false)]
    [InlineData(FieldKind.Number, ConditionOp.GreaterThan, null, "10", false)]
    [InlineData(FieldKind.Money, ConditionOp.AtLeast, "5000000", "50000", true)] // ¥50,000.00 kept in fen, typed in yuan
    [InlineData(FieldKind.Money, ConditionOp.GreaterThan, "200000", "2000", false)]
    [InlineData(FieldKind.Money, ConditionOp.GreaterThan, "200001", "2000", true)]
    [InlineData(FieldKind.Text, ConditionOp.Equals, null, "x", false)]
    [InlineData(FieldKind.Text, ConditionOp.NotEquals, null, "x", true)]
    [InlineData(FieldKind.Text, ConditionOp.Contains, "主轴异响，已停机", "异响", true)]
    [InlineData(FieldKind.Text, ConditionOp.Contains, "Spindle NOISE", "noise", true)]
    [InlineData(FieldKind.Choice, ConditionOp.Equals, "StoppedProduction", "stoppedproduction", true)]
    [InlineData(FieldKind.Date, ConditionOp.LessThan, "12/01/2026", "2026-12-31", true)]
    [InlineData(FieldKind.Date, ConditionOp.AtLeast, "12/31/2026", "2026-12-31", true)]
    [InlineData(FieldKind.DateTime, ConditionOp.GreaterThan, "2026-03-02T01:00:00.0000000Z", "2026-03-01T00:00:00Z", true)]
    [InlineData(FieldKind.Flag, ConditionOp.Equals, "True", "true", true)]
    [InlineData(FieldKind.Text, ConditionOp.IsEmpty, "", null, true)]
    [InlineData(FieldKind.Text, ConditionOp.IsNotEmpty, "x", null, true)]
    public void A_condition_compares_as_its_field_kind(FieldKind kind, ConditionOp op, string? actual, string? expected, bool holds) =>
        Assert.Equal(holds, RuleEvaluator.Holds(kind, op, actual, expected));

    [Fact]
    public void All_needs_every_condition_any_needs_one_and_the_values_seen_are_kept()
    {
        var values = new Dictionary<string, string?> { ["Severity"] = "StoppedProduction", ["customer.Tier"] = "Normal" };
        RuleCondition[] items =
        [
            new("Severity", ConditionOp.Equals, "StoppedProduction"),
            new("customer.Tier", ConditionOp.Equals, "Strategic"),
        ];
        var (all, seen) = Eval(new RuleConditions { Items = items }, values);
        Assert.False(all);
        Assert.Equal(["Severity", "customer.Tier"], seen.Select(s => s.Field));
        Assert.True(Eval(new RuleConditions { Match = MatchMode.Any, Items = items }, values).Item1);
        Assert.True(Eval(new RuleConditions(), values).Item1);
    }

    [Fact]
    public void An_expression_reads_fields_typed_and_is_anded_with_the_items()
    {
        var values = new Dictionary<string, string?>
        {
            ["InWarranty"] = "True",
            ["customer.Tier"] = "Strategic",
            ["Category"] = "液压",
        };
        var c = new RuleConditions { Expression = "[InWarranty] && [customer.Tier] == 'Strategic'" };
        var (matched, seen) = Eval(c, values);
        Assert.True(matched);
        Assert.Contains(seen, s => s.Field == "InWarranty" && s.Value == "True");
        values["InWarranty"] = "False";
        Assert.False(Eval(c, values).Item1);
        var both = c with { Items = [new RuleCondition("Category", ConditionOp.Equals, "电气")] };
        values["InWarranty"] = "True";
        Assert.False(Eval(both, values).Item1);
    }

    [Fact]
    public void Placeholders_are_filled_in_the_readers_language_and_unknown_ones_are_found()
    {
        var values = new Dictionary<string, string?>
        {
            ["Number"] = "WO-260302-0001",
            ["Severity"] = "StoppedProduction",
            ["machine.SerialNumber"] = "SN-1",
        };
        const string text = "{Number} {Severity} {machine.SerialNumber} {Colour}";
        string Render(string culture) =>
            Placeholders.Render(text, WorkOrders.Fields, values, Strings.Tables, CultureInfo.GetCultureInfo(culture), t => t);
        Assert.Equal("WO-260302-0001 Production stopped SN-1 ", Render("en"));
        Assert.Equal("WO-260302-0001 停机停产 SN-1 ", Render("zh-CN"));
        Assert.Equal(["Number", "Severity", "machine.SerialNumber", "Colour"], Placeholders.Names(text));
    }

    [Fact]
    public void The_editor_form_gives_back_the_rule_it_was_filled_from()
    {
        foreach (var template in RuleTemplates.All)
        {
            var def = template.Build(Guid.NewGuid());
            Assert.Equal(def.ToJson(), RuleForm.From(def).ToDefinition().ToJson());
        }
    }

    [Fact]
    public void A_rule_reads_as_a_sentence_in_both_languages()
    {
        var def = RuleTemplates.All.Single(t => t.Key == "stopped-line").Build(null);
        using (Strings.Culture("en"))
            Assert.Equal(
                "When a work order is created and Severity is Production stopped, notify Service manager by bell.",
                new RuleDescriber(Strings.Localizer()).Describe(def, View, RuleDescriber.Names.None)
            );
        using (Strings.Culture("zh-CN"))
            Assert.Equal(
                "当工单新建时，且紧急程度为停机停产，则通过站内信通知服务经理。",
                new RuleDescriber(Strings.Localizer()).Describe(def, View, RuleDescriber.Names.None)
            );
        var untouched = RuleTemplates.All.Single(t => t.Key == "untouched-24h").Build(null);
        using (Strings.Culture("en"))
            Assert.StartsWith(
                "1 day after the report time of a work order and Status is New",
                new RuleDescriber(Strings.Localizer()).Describe(untouched, View, RuleDescriber.Names.None),
                StringComparison.Ordinal
            );
    }
}
