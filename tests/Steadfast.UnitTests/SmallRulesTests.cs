using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Jobs;
using Steadfast.Web.Auth;

namespace Steadfast.UnitTests;

public sealed class SmallRulesTests
{
    [Theory]
    [InlineData(null, null, 1, 50)]
    [InlineData(0, 0, 1, 1)]
    [InlineData(-5, 100000, 1, 500)]
    [InlineData(3, 20, 3, 20)]
    public void Page_requests_are_clamped_not_rejected(int? page, int? size, int expectedPage, int expectedSize)
    {
        var p = PageRequest.From(page, size);
        Assert.Equal((expectedPage, expectedSize), (p.Page, p.PageSize));
    }

    [Fact]
    public void Retry_backoff_doubles_and_stops_at_an_hour()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), ClaimTiming.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(10), ClaimTiming.Backoff(2));
        Assert.Equal(TimeSpan.FromSeconds(40), ClaimTiming.Backoff(4));
        Assert.Equal(TimeSpan.FromHours(1), ClaimTiming.Backoff(50));
    }

    [Fact]
    public void Custom_field_filters_are_read_from_the_query()
    {
        var filters = CustomFieldQuery.ParseFilters([
            new("cf.level", "高级"),
            new("cf.years.from", "2"),
            new("cf.years.to", "5"),
            new("q", "x"),
            new("cf.empty", ""),
        ]);
        Assert.Equal(2, filters.Count);
        Assert.Contains(new CustomFieldFilter("level", "高级", null, null), filters);
        Assert.Contains(new CustomFieldFilter("years", null, "2", "5"), filters);
    }

    [Theory]
    [InlineData("zh-TW,en;q=0.8", "zh-CN")]
    [InlineData("en-US,zh-CN;q=0.5", "en")]
    [InlineData("fr-FR,zh;q=0.3", "zh-CN")]
    [InlineData("fr-FR", null)]
    public async Task Any_chinese_browser_gets_simplified_chinese(string header, string? expected)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.AcceptLanguage = header;
        var result = await new ChineseFirstCultureProvider().DetermineProviderCultureResult(http);
        Assert.Equal(expected, result?.UICultures.Single().Value);
    }

    [Fact]
    public void Database_settings_name_the_bad_setting()
    {
        static DatabaseSettings From(params (string, string)[] pairs) =>
            DatabaseSettings.From(
                new ConfigurationBuilder()
                    .AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Item1, p.Item2)))
                    .Build(),
                Path.GetTempPath()
            );
        Assert.Contains(
            "Database:Provider",
            Assert.Throws<InvalidOperationException>(() => From(("Database:Provider", "mysql"))).Message,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "ConnectionStrings:Default",
            Assert.Throws<InvalidOperationException>(() => From(("Database:Provider", "Postgres"))).Message,
            StringComparison.Ordinal
        );
        var sqlite = From();
        Assert.Equal(DatabaseProvider.Sqlite, sqlite.Provider);
        Assert.Contains(Path.Combine(Path.GetTempPath(), "data", "steadfast.db"), sqlite.ConnectionString, StringComparison.Ordinal);
    }
}
