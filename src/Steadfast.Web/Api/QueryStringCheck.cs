using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Localization;

namespace Steadfast.Web.Api;

/// <summary>
/// Query strings checked like bodies, for every endpoint at once: each parameter the handler declares must parse
/// (an unknown enum value is a 400 listing the allowed names, not a filter silently dropped), paging stays in range, and
/// a parameter the handler does not have is refused rather than ignored. Handlers that read the query themselves
/// (custom-field filters) check it with <see cref="QueryReader"/>.
/// </summary>
internal static class QueryStringCheck
{
    private static readonly Dictionary<string, (int Min, int Max)> Ranges = new(StringComparer.OrdinalIgnoreCase)
    {
        ["page"] = (1, 1_000_000),
        ["pageSize"] = (1, PageRequest.MaxPageSize),
    };

    /// <summary>What a handler takes from the query string: worked out once per handler, not on every request.</summary>
    private sealed record Declared(Dictionary<string, Type> Parameters, bool ReadsItself);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MethodInfo, Declared> Handlers = new();

    /// <summary>The field errors of this request's query string; empty when it is fine.</summary>
    public static Dictionary<string, string[]> Errors(HttpContext http)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        // Most requests (every create) carry no query string: nothing to check, no reflection.
        if (http.Request.Query.Count == 0 || http.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>() is not { } method)
            return errors;
        var (declared, readsItself) = Handlers.GetOrAdd(method, Declare);
        var route = http.Request.RouteValues;
        if (declared.Count == 0 && readsItself)
            return errors;
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
        var canonical = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(StringComparer.Ordinal);
        var renamed = false;
        foreach (var (name, values) in http.Request.Query)
        {
            canonical[name] = values;
            if (!declared.TryGetValue(name, out var type) || route.ContainsKey(name))
            {
                if (!readsItself)
                    errors[name] =
                    [
                        t[
                            "Problem.UnknownParameter",
                            string.Join(", ", declared.Keys.Where(k => !route.ContainsKey(k)).Order(StringComparer.Ordinal))
                        ],
                    ];
                continue;
            }
            foreach (var value in values)
            {
                if (string.IsNullOrEmpty(value))
                    continue;
                if (!QueryValues.TryParse(type, value, out var parsed))
                    errors[name] = [QueryValues.NotParsed(t, type, value)];
                else if (Ranges.TryGetValue(name, out var range) && parsed is int n && (n < range.Min || n > range.Max))
                    errors[name] = [t["Problem.PageRange", range.Min, range.Max]];
                else if (type.IsEnum && parsed!.ToString() != value)
                    renamed = true;
            }
            // The binder reads enum names case-sensitively; the API writes them in camelCase, so the query takes them
            // either way: a checked value is handed on under its own name.
            if (type.IsEnum && renamed)
                canonical[name] = new([.. values.Select(v => QueryValues.TryParse(type, v ?? "", out var e) ? e!.ToString() : v)]);
        }
        if (renamed && errors.Count == 0)
            http.Request.QueryString = Microsoft.AspNetCore.Http.QueryString.Create(canonical);
        return errors;
    }

    private static Declared Declare(MethodInfo method)
    {
        var parameters = method.GetParameters();
        var readsItself = parameters.Any(p => p.ParameterType == typeof(HttpRequest) || p.ParameterType == typeof(HttpContext));
        var declared = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        // [AsParameters] records bind their constructor's parameters as if the handler declared them.
        var flat = parameters.SelectMany(p =>
            p.GetCustomAttribute<AsParametersAttribute>() is not null
                ? p.ParameterType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters()
                : [p]
        );
        foreach (var p in flat)
        {
            if (p.Name is null || !FromQuery(p))
                continue;
            var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            var element = type.IsArray ? type.GetElementType()! : type;
            element = Nullable.GetUnderlyingType(element) ?? element;
            if (QueryValues.IsSimple(element))
                declared[p.Name] = element;
        }
        return new Declared(declared, readsItself);
    }

    private static bool FromQuery(ParameterInfo p) =>
        !p.GetCustomAttributes()
            .Any(a =>
                a is IFromBodyMetadata or IFromServiceMetadata or IFromHeaderMetadata or IFromFormMetadata or IFromRouteMetadata
                || a.GetType().Name is "FromKeyedServicesAttribute"
            );
}
