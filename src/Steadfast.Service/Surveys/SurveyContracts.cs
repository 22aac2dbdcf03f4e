namespace Steadfast.Service.Surveys;

public sealed record SurveyForm(
    string Number,
    string CustomerName,
    string ProductName,
    string EngineerName,
    DateTime? ClosedAt,
    bool Answered
);

public sealed record AnswerSurvey(int? Csat, int? Nps, string? Comment);

public sealed record CallbackDto(
    Guid Id,
    Guid WorkOrderId,
    string Number,
    string CustomerName,
    string ContactName,
    string ContactPhone,
    DateTime DueAt,
    CallbackOutcome Outcome,
    string Note,
    DateTime? DoneAt,
    bool Overdue,
    long Version
);

public sealed record CompleteCallback(CallbackOutcome? Outcome, string? Note, long? Version);
