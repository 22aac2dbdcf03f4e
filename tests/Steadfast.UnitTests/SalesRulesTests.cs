using Steadfast.Sales;
using Steadfast.Sales.Leads;
using Steadfast.Sales.Quotes;

namespace Steadfast.UnitTests;

/// <summary>Lead assignment as plain code (rules in order, caps, round robin) and amounts in Chinese capitals.</summary>
public sealed class SalesRulesTests
{
    private static readonly Guid A = Guid.NewGuid(),
        B = Guid.NewGuid(),
        C = Guid.NewGuid();

    private static AssignmentRule Rule(string name, int order, string provinces = "", string categories = "", params Guid[] reps) =>
        new()
        {
            Id = Guid.NewGuid(),
            Name = name,
            Order = order,
            Provinces = provinces,
            Categories = categories,
            Reps = PipeList.Join(reps.Select(r => r.ToString())),
        };

    private static Dictionary<Guid, RepLoad> Loads(int a, int b, int c, bool bActive = true) =>
        new()
        {
            [A] = new RepLoad(A, "甲", true, a),
            [B] = new RepLoad(B, "乙", bActive, b),
            [C] = new RepLoad(C, "丙", true, c),
        };

    [Fact]
    public void The_first_rule_in_order_whose_criteria_all_hold_wins()
    {
        AssignmentRule[] rules = [Rule("地区", 20, "|浙江|江苏|", "", A, B), Rule("挖机专线", 10, "|浙江|", "|挖掘机|", C)];
        var (rule, eligible, why) = LeadAssigner.Match(new LeadFacts("浙江", "", "挖掘机"), rules, Loads(0, 0, 0), 10);
        Assert.Equal("挖机专线", rule!.Name);
        Assert.Equal([C], eligible.Select(r => r.Id));
        Assert.Equal(["province:浙江", "category:挖掘机"], why.Matched);
        (rule, eligible, _) = LeadAssigner.Match(new LeadFacts("江苏", "", "挖掘机"), rules, Loads(0, 0, 0), 10);
        Assert.Equal("地区", rule!.Name);
        Assert.Equal([A, B], eligible.Select(r => r.Id));
    }

    [Fact]
    public void Reps_at_the_cap_or_inactive_are_passed_over_and_nobody_left_means_the_pool_naming_who_was_full()
    {
        AssignmentRule[] rules = [Rule("地区", 10, "|浙江|", "", A, B)];
        var (_, eligible, _) = LeadAssigner.Match(new LeadFacts("浙江", "", ""), rules, Loads(5, 1, 0), 5);
        Assert.Equal([B], eligible.Select(r => r.Id));
        var (rule, none, why) = LeadAssigner.Match(new LeadFacts("浙江", "", ""), rules, Loads(5, 1, 0, bActive: false), 5);
        Assert.Null(rule);
        Assert.Empty(none);
        Assert.Equal("pool", why.Kind);
        Assert.Equal(["甲"], why.AtCap);
        Assert.Null(LeadAssigner.Match(new LeadFacts("广东", "", ""), rules, Loads(0, 0, 0), 5).Rule);
    }

    [Fact]
    public void Round_robin_gives_the_next_lead_to_whoever_the_rule_served_longest_ago()
    {
        var eligible = new List<RepLoad> { new(A, "甲", true, 0), new(B, "乙", true, 0), new(C, "丙", true, 0) };
        Assert.Equal(B, LeadAssigner.Pick(eligible, new Dictionary<Guid, long> { [A] = 7, [C] = 9 }).Id);
        Assert.Equal(
            A,
            LeadAssigner
                .Pick(
                    eligible,
                    new Dictionary<Guid, long>
                    {
                        [A] = 7,
                        [B] = 8,
                        [C] = 9,
                    }
                )
                .Id
        );
        Assert.Equal(A, LeadAssigner.Pick(eligible, new Dictionary<Guid, long>()).Id);
    }

    [Theory]
    [InlineData(816_000_00, "捌拾壹万陆仟元整")]
    [InlineData(1_000_00, "壹仟元整")]
    [InlineData(100_005_00, "壹拾万零伍元整")]
    [InlineData(1_002_003_45, "壹佰万贰仟零叁元肆角伍分")]
    [InlineData(12_05, "壹拾贰元零伍分")]
    [InlineData(0, "零元整")]
    [InlineData(30, "叁角")]
    [InlineData(1_0000_0000_00, "壹亿元整")]
    public void Amounts_read_in_chinese_capitals_as_a_quote_states_them(long fen, string words) =>
        Assert.Equal(words, ChineseAmount.Of(fen));
}
