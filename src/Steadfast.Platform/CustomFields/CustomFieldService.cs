using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Platform.CustomFields;

public sealed record CustomFieldDto(
    Guid Id,
    string RecordType,
    string Key,
    string LabelEn,
    string LabelZh,
    CustomFieldType Type,
    bool Required,
    IReadOnlyList<string> Options,
    int SortOrder,
    bool IsActive,
    long Version
);

public sealed record CreateCustomField(
    string? RecordType,
    string? Key,
    string? LabelEn,
    string? LabelZh,
    CustomFieldType? Type,
    bool? Required,
    List<string>? Options,
    int? SortOrder
);

public sealed record UpdateCustomField(
    string? LabelEn,
    string? LabelZh,
    bool? Required,
    List<string>? Options,
    int? SortOrder,
    bool? IsActive,
    long? Version
);

/// <summary>Defines custom fields and checks records' values against them. Every module uses this one.</summary>
public sealed partial class CustomFieldService(AppDbContext db, CustomFieldValidator validator, IStringLocalizer<Strings> t)
{
    /// <summary>The record types that carry custom fields, taken from the model.</summary>
    public IReadOnlyList<string> RecordTypes() =>
        [
            .. db
                .Model.GetEntityTypes()
                .Where(e => typeof(IHasCustomFields).IsAssignableFrom(e.ClrType))
                .Select(e => CustomFieldQuery.RecordTypeOf(e.ClrType))
                .Distinct()
                .Order(StringComparer.Ordinal),
        ];

    public Task<List<CustomFieldDto>> ListAsync(string? recordType, CancellationToken ct) =>
        db
            .CustomFieldDefinitions.AsNoTracking()
            .Where(d => recordType == null || d.RecordType == recordType)
            .OrderBy(d => d.RecordType)
            .ThenBy(d => d.SortOrder)
            .ThenBy(d => d.Key)
            .Select(d => new CustomFieldDto(
                d.Id,
                d.RecordType,
                d.Key,
                d.LabelEn,
                d.LabelZh,
                d.Type,
                d.Required,
                d.Options,
                d.SortOrder,
                d.IsActive,
                d.Version
            ))
            .ToListAsync(ct);

    // Definitions change rarely; within one scope (a request, a page action, an import job) they are read once.
    private readonly Dictionary<string, List<CustomFieldDefinition>> _active = new(StringComparer.Ordinal);

    public async Task<List<CustomFieldDefinition>> ActiveDefinitionsAsync(string recordType, CancellationToken ct)
    {
        if (_active.TryGetValue(recordType, out var cached))
            return cached;
        var defs = await db
            .CustomFieldDefinitions.AsNoTracking()
            .Where(d => d.RecordType == recordType && d.IsActive)
            .OrderBy(d => d.SortOrder)
            .ThenBy(d => d.Key)
            .ToListAsync(ct);
        _active[recordType] = defs;
        return defs;
    }

    /// <summary>
    /// A list's custom-field filters and sort key, checked before the list runs: a field that does not exist (or is
    /// switched off) is a 400 naming the parameter, not an empty list; a range bound must be a number or a date.
    /// </summary>
    public async Task CheckListQueryAsync(
        string recordType,
        IReadOnlyList<CustomFieldFilter> filters,
        string? sort,
        IReadOnlyCollection<string> sortKeys,
        CancellationToken ct
    )
    {
        var keys = (await ActiveDefinitionsAsync(recordType, ct)).Select(d => d.Key).ToList();
        var errors = new Api.ValidationErrors();
        foreach (var f in filters)
        {
            if (!keys.Contains(f.Key, StringComparer.Ordinal))
            {
                errors.Add($"cf.{f.Key}", Api.QueryValues.Unknown(t, f.Key, keys));
                continue;
            }
            foreach (var (suffix, bound) in new[] { (".from", f.From), (".to", f.To) })
                if (
                    bound is not null
                    && !double.TryParse(bound, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                    && !DateOnly.TryParse(bound, CultureInfo.InvariantCulture, out _)
                )
                    errors.Add($"cf.{f.Key}{suffix}", t["Problem.NotA", "number or date (yyyy-MM-dd)"]);
        }
        errors.ThrowIfAny();
        Api.QueryValues.Sort(sort, sortKeys, keys, t);
    }

    public async Task<CustomFieldDto> CreateAsync(CreateCustomField input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.RecordType) || !RecordTypes().Contains(input.RecordType, StringComparer.Ordinal))
            errors.Add("recordType", t["CustomFields.Error.RecordType", string.Join(", ", RecordTypes())]);
        if (input.Key is null || !KeyPattern().IsMatch(input.Key))
            errors.Add("key", t["CustomFields.Error.Key"]);
        if (input.Type is null || !Enum.IsDefined(input.Type.Value))
            errors.Add("type", t["CustomFields.Error.Type"]);
        var options = CheckCommon(input.LabelEn, input.LabelZh, input.Type, input.Options, errors);
        if (!errors.Any && await db.CustomFieldDefinitions.AnyAsync(d => d.RecordType == input.RecordType && d.Key == input.Key, ct))
            errors.Add("key", t["CustomFields.Error.KeyTaken", input.Key!]);
        errors.ThrowIfAny();

        var def = new CustomFieldDefinition
        {
            Id = Guid.CreateVersion7(),
            RecordType = input.RecordType!,
            Key = input.Key!,
            LabelEn = input.LabelEn!.Trim(),
            LabelZh = input.LabelZh?.Trim() ?? "",
            Type = input.Type!.Value,
            Required = input.Required ?? false,
            Options = options,
            SortOrder = input.SortOrder ?? 0,
        };
        db.CustomFieldDefinitions.Add(def);
        await db.SaveChangesAsync(ct);
        _active.Remove(def.RecordType);
        return ToDto(def);
    }

    public async Task<CustomFieldDto> UpdateAsync(Guid id, UpdateCustomField input, CancellationToken ct)
    {
        var def = await db.CustomFieldDefinitions.SingleOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var errors = new ValidationErrors();
        if (input.Version is null)
            errors.Add("version", t["Common.Error.VersionRequired"]);
        var options = CheckCommon(
            input.LabelEn ?? def.LabelEn,
            input.LabelZh ?? def.LabelZh,
            def.Type,
            input.Options ?? def.Options,
            errors
        );
        errors.ThrowIfAny();

        db.ExpectVersion(def, input.Version!.Value);
        def.LabelEn = (input.LabelEn ?? def.LabelEn).Trim();
        def.LabelZh = (input.LabelZh ?? def.LabelZh).Trim();
        def.Required = input.Required ?? def.Required;
        def.Options = options;
        def.SortOrder = input.SortOrder ?? def.SortOrder;
        def.IsActive = input.IsActive ?? def.IsActive;
        await db.SaveChangesAsync(ct);
        _active.Remove(def.RecordType);
        return ToDto(def);
    }

    /// <summary>Validates submitted values for a record (user-type fields are checked against real users).</summary>
    public async Task<CustomFieldValues> ValidateAsync(
        string recordType,
        IReadOnlyDictionary<string, JsonElement>? submitted,
        CustomFieldValues? existing,
        ValidationErrors errors,
        CancellationToken ct
    )
    {
        var defs = await ActiveDefinitionsAsync(recordType, ct);
        HashSet<Guid>? users = null;
        if (defs.Any(d => d.Type == CustomFieldType.User) && submitted is not null)
        {
            var ids = submitted
                .Values.Where(v => v.ValueKind == JsonValueKind.String)
                .Select(v => Guid.TryParse(v.GetString(), out var g) ? g : Guid.Empty)
                .Where(g => g != Guid.Empty)
                .ToList();
            users = [.. await db.Users.Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct)];
        }
        return validator.Validate(defs, submitted, existing, errors, users);
    }

    private List<string> CheckCommon(
        string? labelEn,
        string? labelZh,
        CustomFieldType? type,
        List<string>? options,
        ValidationErrors errors
    )
    {
        if (string.IsNullOrWhiteSpace(labelEn) || labelEn.Length > 100)
            errors.Add("labelEn", t["CustomFields.Error.Label"]);
        if (labelZh is { Length: > 100 })
            errors.Add("labelZh", t["CustomFields.Error.Label"]);
        var cleaned = (options ?? []).Select(o => o?.Trim() ?? "").ToList();
        if (type is CustomFieldType.Choice or CustomFieldType.MultiChoice)
        {
            if (
                cleaned.Count == 0
                || cleaned.Any(o => o.Length is 0 or > 100)
                || cleaned.Distinct(StringComparer.Ordinal).Count() != cleaned.Count
            )
                errors.Add("options", t["CustomFields.Error.Options"]);
        }
        else
            cleaned = [];
        return cleaned;
    }

    private static CustomFieldDto ToDto(CustomFieldDefinition d) =>
        new(d.Id, d.RecordType, d.Key, d.LabelEn, d.LabelZh, d.Type, d.Required, d.Options, d.SortOrder, d.IsActive, d.Version);

    [GeneratedRegex("^[a-z][a-z0-9_]{1,39}$")]
    private static partial Regex KeyPattern();
}
