using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Localization;

namespace Steadfast.Platform.Api;

/// <summary>
/// Reads a list's query string strictly, for endpoints that take their filters from the request (custom fields make
/// the set of names open): a value that does not parse, and a parameter the list does not have, are 400s naming it.
/// </summary>
public sealed class QueryReader(HttpRequest request)
{
    private readonly ValidationErrors _errors = new();
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase) { "page", "pageSize" };
    private readonly IStringLocalizer _t = request.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();

    public string? Text(string name)
    {
        _read.Add(name);
        var v = request.Query[name].ToString();
        return v.Length == 0 ? null : v;
    }

    public T? Enum<T>(string name)
        where T : struct, Enum => Text(name) is { } v ? (T?)Parse(name, typeof(T), v) : null;

    public Guid? Id(string name) => Text(name) is { } v ? (Guid?)Parse(name, typeof(Guid), v) : null;

    public bool? Bool(string name) => Text(name) is { } v ? (bool?)Parse(name, typeof(bool), v) : null;

    public int? Number(string name, int min, int max)
    {
        if (Text(name) is not { } v || Parse(name, typeof(int), v) is not int n)
            return null;
        if (n < min || n > max)
            _errors.Add(name, _t["Problem.PageRange", min, max]);
        return n;
    }

    /// <summary>The 400 for everything read so far, plus any parameter that is neither read nor a custom field's <c>cf.</c>.</summary>
    public void ThrowIfInvalid()
    {
        foreach (var name in request.Query.Keys)
            if (!_read.Contains(name) && !name.StartsWith("cf.", StringComparison.Ordinal))
                _errors.Add(name, _t["Problem.UnknownParameter", string.Join(", ", _read.Order(StringComparer.Ordinal))]);
        _errors.ThrowIfAny();
    }

    private object? Parse(string name, Type type, string value)
    {
        if (QueryValues.TryParse(type, value, out var parsed))
            return parsed;
        _errors.Add(name, QueryValues.NotParsed(_t, type, value));
        return null;
    }
}
