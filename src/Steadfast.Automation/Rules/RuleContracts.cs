using Steadfast.Platform.Automation;

namespace Steadfast.Automation.Rules;

public sealed record RuleStats(int Runs, int Failures, DateTime? LastRunAt);

public sealed record RuleDto(
    Guid Id,
    string Name,
    string Description,
    string RecordType,
    bool Enabled,
    Guid OwnerId,
    string OwnerName,
    string? Template,
    int Revision,
    RuleDefinition Definition,
    string Summary,
    DateTime UpdatedAt,
    long Version,
    RuleStats Stats
);

/// <summary>A new rule or a new revision of one. Version is required to change an existing rule.</summary>
public sealed record SaveRule(
    string? Name,
    string? Description,
    string? RecordType,
    bool? Enabled,
    Guid? OwnerId,
    RuleDefinition? Definition,
    string? Template,
    long? Version
);

public sealed record RuleRunDto(
    Guid Id,
    int Revision,
    DateTime At,
    RunOutcome Outcome,
    string RecordType,
    Guid? RecordId,
    string RecordTitle,
    string? RecordLink,
    IReadOnlyList<SeenValueDto> Values,
    IReadOnlyList<ActionDoneDto> Actions,
    string? Error,
    int Attempts,
    int Depth
);

public sealed record RuleRevisionDto(int Revision, string Name, bool Enabled, string Summary, string SavedBy, DateTime SavedAt);

/// <summary>Simulate a rule as written in the editor (saved or not) over the last days (1–90).</summary>
public sealed record SimulateRule(string? RecordType, RuleDefinition? Definition, int? Days, Guid? RuleId);

public sealed record ChoiceDto(string Value, string Label);

public sealed record FieldDto(
    string Name,
    string Label,
    FieldKind Kind,
    IReadOnlyList<ChoiceDto> Choices,
    bool Settable,
    bool Timed,
    bool Watchable
);

public sealed record RecordTypeDto(string Name, string Label, bool HasOwner, IReadOnlyList<FieldDto> Fields);

public sealed record RuleTemplateDto(
    string Key,
    string Name,
    string Description,
    string RecordType,
    RuleDefinition Definition,
    string Summary
);

/// <summary>Who and what a rule may name: users, teams, robots and webhook endpoints.</summary>
public sealed record RuleTargetsDto(
    IReadOnlyList<ChoiceDto> Users,
    IReadOnlyList<ChoiceDto> Teams,
    IReadOnlyList<EndpointChoice> Endpoints
);

public sealed record EndpointChoice(Guid Id, string Name, bool Robot);
