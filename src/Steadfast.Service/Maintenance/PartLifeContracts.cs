namespace Steadfast.Service.Maintenance;

/// <summary>One bar of a life histogram: lives from <c>From</c> up to <c>To</c> days.</summary>
public sealed record LifeBucket(int From, int To, int Count);

/// <summary>A part's observed life on one model (or on all, ProductId null), beside the catalogue's.</summary>
public sealed record LifeStats(
    Guid PartId,
    string Part,
    Guid? ProductId,
    string Model,
    int Observations,
    double? MedianDays,
    double? MeanDays,
    double? P10Days,
    double? P90Days,
    int HoursObservations,
    double? MedianHours,
    double? MeanHours,
    double? P10Hours,
    double? P90Hours,
    int? CatalogueDays,
    int? CatalogueHours,
    int BeforeFailure,
    int AfterFailure,
    IReadOnlyList<LifeBucket> Histogram
);

/// <summary>A part and model in the part-life report: how often it was replaced and its mean life.</summary>
public sealed record LifeSummary(
    Guid PartId,
    string Part,
    Guid ProductId,
    string Model,
    int Observations,
    double MeanDays,
    int BeforeFailure
);

/// <summary>A fitted part nearing its life: where it is, when it was fitted, when it is expected to need replacing and why.</summary>
public sealed record ReplaceSoonRow(
    Guid FittingId,
    Guid PartId,
    string Part,
    Guid MachineId,
    string SerialNumber,
    string Model,
    Guid CustomerId,
    string CustomerName,
    DateOnly FittedOn,
    DateOnly ExpectedOn,
    bool Observed
);

public sealed record ReplaceSoonQuery(int? Days, Guid? CustomerId);
