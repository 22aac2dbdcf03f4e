using System.Text.Json;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Localization;

namespace Steadfast.UnitTests;

public sealed class CustomFieldValidatorTests
{
    private static readonly CustomFieldValidator Validator = new(Strings.Localizer());

    private static CustomFieldDefinition Field(string key, CustomFieldType type, bool required = false, params string[] options) =>
        new()
        {
            Key = key,
            LabelEn = key,
            Type = type,
            Required = required,
            Options = [.. options],
        };

    private static readonly List<CustomFieldDefinition> Fields =
    [
        Field("note", CustomFieldType.Text),
        Field("size", CustomFieldType.Number),
        Field("since", CustomFieldType.Date),
        Field("level", CustomFieldType.Choice, false, "A", "B"),
        Field("tags", CustomFieldType.MultiChoice, false, "x", "y", "z"),
        Field("vip", CustomFieldType.YesNo),
        Field("owner", CustomFieldType.User),
        Field("code", CustomFieldType.Text, required: true),
    ];

    private static (CustomFieldValues Values, ValidationErrors Errors) Run(
        string json,
        CustomFieldValues? existing = null,
        ISet<Guid>? users = null
    )
    {
        var errors = new ValidationErrors();
        var submitted = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
        return (Validator.Validate(Fields, submitted, existing, errors, users), errors);
    }

    [Fact]
    public void Valid_values_of_every_type_are_kept_normalised()
    {
        var owner = Guid.NewGuid();
        var (values, errors) = Run(
            $$"""
            {"note":"  hi  ","size":12.5,"since":"2026-03-05","level":"B",
             "tags":["x","z","x"],"vip":true,"owner":"{{owner}}","code":"C1"}
            """,
            users: new HashSet<Guid> { owner }
        );
        Assert.False(errors.Any, string.Join(";", errors.ToDictionary().Keys));
        Assert.Equal("hi", values.Values["note"].GetString());
        Assert.Equal(12.5m, values.Values["size"].GetDecimal());
        Assert.Equal(new[] { "x", "z" }, values.Values["tags"].EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(owner, values.Values["owner"].GetGuid());
    }

    [Theory]
    [InlineData("""{"size":"12","code":"c"}""", "customFields.size")]
    [InlineData("""{"since":"2026/03/05","code":"c"}""", "customFields.since")]
    [InlineData("""{"level":"C","code":"c"}""", "customFields.level")]
    [InlineData("""{"tags":["x","w"],"code":"c"}""", "customFields.tags")]
    [InlineData("""{"vip":"yes","code":"c"}""", "customFields.vip")]
    [InlineData("""{"owner":"nobody","code":"c"}""", "customFields.owner")]
    [InlineData("""{"ghost":1,"code":"c"}""", "customFields.ghost")]
    [InlineData("""{}""", "customFields.code")]
    public void Each_bad_value_is_reported_under_its_field(string json, string field)
    {
        var (_, errors) = Run(json);
        Assert.Equal([field], errors.ToDictionary().Keys.ToArray());
    }

    [Fact]
    public void An_unknown_user_is_rejected_when_users_are_checked()
    {
        var (_, errors) = Run($$"""{"owner":"{{Guid.NewGuid()}}","code":"c"}""", users: new HashSet<Guid>());
        Assert.True(errors.ToDictionary().ContainsKey("customFields.owner"));
    }

    [Fact]
    public void Unsent_values_are_kept_and_null_clears()
    {
        var existing = new CustomFieldValues(
            new Dictionary<string, JsonElement>
            {
                ["note"] = JsonSerializer.SerializeToElement("old"),
                ["level"] = JsonSerializer.SerializeToElement("A"),
                ["code"] = JsonSerializer.SerializeToElement("c"),
            }
        );
        var (values, errors) = Run("""{"level":null}""", existing);
        Assert.False(errors.Any);
        Assert.Equal("old", values.Values["note"].GetString());
        Assert.False(values.Values.ContainsKey("level"));
    }

    [Fact]
    public void Text_longer_than_the_cap_is_rejected()
    {
        var (_, errors) = Run(
            JsonSerializer.Serialize(new { note = new string('字', CustomFieldValidator.MaxTextLength + 1), code = "c" })
        );
        Assert.True(errors.ToDictionary().ContainsKey("customFields.note"));
    }

    [Fact]
    public void Index_rows_make_every_value_searchable()
    {
        var (values, _) = Run("""{"size":3,"since":"2026-01-02","tags":["x","y"],"vip":false,"code":"c"}""");
        var rows = CustomFieldValidator.IndexRows("user", Guid.NewGuid(), values).ToList();
        Assert.Equal(3d, rows.Single(r => r.FieldKey == "size").Number);
        Assert.Equal(new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), rows.Single(r => r.FieldKey == "since").Date);
        Assert.Equal(new[] { "x", "y" }, rows.Where(r => r.FieldKey == "tags").Select(r => r.Text!));
        Assert.Equal(0d, rows.Single(r => r.FieldKey == "vip").Number);
    }
}
