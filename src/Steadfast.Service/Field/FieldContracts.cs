using Steadfast.Platform.Files;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Field;

/// <summary>Where the phone is; QrToken, when the engineer scanned the machine's label instead (or as well).</summary>
public sealed record Position(double? Latitude, double? Longitude, long? Version, string? QrToken = null);

public sealed record VisitDto(
    Guid Id,
    Guid EngineerId,
    string EngineerName,
    DateTime CheckInAt,
    double? Latitude,
    double? Longitude,
    double? Distance,
    bool Flagged,
    DateTime? CheckOutAt,
    bool QrVerified = false
);

public sealed record SignatureRequest(string? SignerName, string? Image);

/// <summary>The service report (服务报告): everything the customer signs for, without internal notes.</summary>
public sealed record ServiceReport(
    WorkOrderDto Order,
    string CustomerName,
    string ProductName,
    string SerialNumber,
    string SiteAddress,
    string EngineerName,
    IReadOnlyList<VisitDto> Visits,
    IReadOnlyList<AttachmentDto> Photos,
    bool HasSignature,
    SurveyAnswer? Survey,
    IReadOnlyList<ReportPart> Parts
);

/// <summary>A part on the report: fitted (net of unused returns), or the faulty one taken off, with its serial.</summary>
public sealed record ReportPart(string Number, string Name, long Quantity, bool Billable, bool Faulty, string Serial);

public sealed record SurveyAnswer(int Csat, int Nps, string Comment, DateTime AnsweredAt);
