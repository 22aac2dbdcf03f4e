using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Steadfast.Web.Auth;

/// <summary>
/// Any Chinese the browser asks for (zh, zh-CN, zh-TW, zh-Hant...) gets 简体中文, English otherwise;
/// the stock provider would send a zh-TW browser to English because only zh-CN is offered.
/// </summary>
public sealed class ChineseFirstCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var languages = httpContext
            .Request.GetTypedHeaders()
            .AcceptLanguage.OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "");
        foreach (var language in languages)
        {
            if (language.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
                return Task.FromResult<ProviderCultureResult?>(new("zh-CN"));
            if (language.StartsWith("en", StringComparison.OrdinalIgnoreCase))
                return Task.FromResult<ProviderCultureResult?>(new("en"));
        }
        return NullProviderCultureResult;
    }
}
