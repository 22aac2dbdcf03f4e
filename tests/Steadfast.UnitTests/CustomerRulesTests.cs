using Steadfast.Customers.Customers;
using Steadfast.Platform.ImportExport;

namespace Steadfast.UnitTests;

public sealed class CustomerRulesTests
{
    [Theory]
    [InlineData("914403001922038216", true)] // a published code
    [InlineData("91110000802100433B", true)] // a published code with a letter check character
    [InlineData("914403001922038217", false)] // wrong check character
    [InlineData("91440300192203821", false)] // 17 characters
    [InlineData("9144030019220382I6", false)] // I is not in the alphabet
    [InlineData("", false)]
    public void Credit_codes_are_validated_with_their_check_character(string code, bool valid) =>
        Assert.Equal(valid, CreditCode.IsValid(code));

    [Fact]
    public void Credit_codes_are_normalised_from_full_width_and_lower_case()
    {
        Assert.Equal("91110000802100433B", CreditCode.Normalize(" ９１１１００００８０２１００４３３ｂ "));
        Assert.True(CreditCode.IsValid(CreditCode.Normalize("91110000802100433b")));
    }

    [Theory]
    [InlineData("苏州恒力精密机械有限公司", "苏州恒力精密机械股份有限公司")]
    [InlineData("苏州恒力精密机械有限公司", "苏州恒力精密机械 有限责任公司")]
    [InlineData("苏州恒力精密机械有限公司", "苏州恒力精密机械")]
    [InlineData("ＡＢＣ精工有限公司", "abc精工有限公司")]
    [InlineData("Hengli Machinery Co., Ltd.", "hengli machinery co.,ltd")]
    public void Names_that_differ_only_in_form_match(string a, string b) => Assert.Equal(Text.MatchKey(a), Text.MatchKey(b));

    [Fact]
    public void Different_companies_do_not_match() => Assert.NotEqual(Text.MatchKey("苏州恒力有限公司"), Text.MatchKey("无锡恒力有限公司"));

    [Theory]
    [InlineData("2024/3/5")]
    [InlineData("2024-03-05")]
    [InlineData("2024年3月5日")]
    [InlineData("2024.3.5")]
    [InlineData("２０２４－０３－０５")]
    [InlineData("20240305")]
    [InlineData("2024-03-05 14:30")]
    public void Dates_in_the_forms_people_type_parse(string text)
    {
        Assert.True(CellParser.TryDate(text, out var d));
        Assert.Equal(new DateOnly(2024, 3, 5), d);
    }

    [Fact]
    public void Excel_serial_dates_and_real_dates_parse()
    {
        Assert.True(CellParser.TryDate(45356d, out var serial));
        Assert.Equal(new DateOnly(2024, 3, 5), serial);
        Assert.True(CellParser.TryDate(new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Unspecified), out var real));
        Assert.Equal(new DateOnly(2024, 3, 5), real);
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("三月五号")]
    [InlineData("2024/13/01")]
    [InlineData("hello")]
    public void Nonsense_dates_are_refused(string text) => Assert.False(CellParser.TryDate(text, out _));

    [Theory]
    [InlineData("1,234.5", 1234.5)]
    [InlineData("１２３", 123)]
    [InlineData("¥1,000", 1000)]
    [InlineData("500元", 500)]
    [InlineData("-3.25", -3.25)]
    public void Numbers_with_separators_currency_and_full_width_digits_parse(string text, double expected)
    {
        Assert.True(CellParser.TryNumber(text, out var n));
        Assert.Equal((decimal)expected, n);
    }

    [Fact]
    public void Tags_round_trip_through_the_stored_form()
    {
        var stored = Customer.JoinTags(["复购", " 标杆客户 ", "复购", ""]);
        Assert.Equal("|复购|标杆客户|", stored);
        Assert.Equal(["复购", "标杆客户"], Customer.SplitTags(stored));
        Assert.Equal("", Customer.JoinTags([]));
    }
}
