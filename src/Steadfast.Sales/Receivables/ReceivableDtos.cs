namespace Steadfast.Sales.Receivables;

public sealed record SaveAllocation(Guid? InstalmentId, long? Amount);

/// <summary>
/// Money received. Without allocations it pays the customer's open instalments oldest due first; what is left over is
/// refused unless <c>AsCredit</c> holds it for the customer.
/// </summary>
public sealed record SaveReceipt(
    Guid? CustomerId,
    DateOnly? ReceivedOn,
    long? Amount,
    string? Reference,
    string? Notes,
    List<SaveAllocation>? Allocations,
    bool? AsCredit,
    string? ExternalId = null
);

public sealed record AllocationDto(Guid InstalmentId, Guid ContractId, string ContractNumber, string InstalmentName, long Amount);

public sealed record ReceiptDto(
    Guid Id,
    string Number,
    string? ExternalId,
    Guid CustomerId,
    string CustomerName,
    DateOnly ReceivedOn,
    long Amount,
    long Credit,
    string Reference,
    string Notes,
    IReadOnlyList<AllocationDto> Allocations,
    DateTime CreatedAt
);

public sealed record SaveInvoice(Guid? InstalmentId, string? Number, DateOnly? IssuedOn, long? Amount);

public sealed record InvoiceDto(Guid Id, string Number, Guid InstalmentId, Guid ContractId, DateOnly IssuedOn, long Amount);

public enum AgeingBy
{
    Customer = 0,
    Owner = 1,
    Region = 2,
}

public sealed record AgeingQuery(AgeingBy? By, Guid? OwnerId, string? Region, Guid? CustomerId);

/// <summary>Open amounts (fen) of one customer, owner or region by how long they are overdue on the day asked.</summary>
public sealed record AgeingRow(
    string Key,
    string Name,
    long NotDue,
    long Days0To30,
    long Days31To60,
    long Days61To90,
    long Over90,
    long Total
);

/// <summary>One open instalment in the ageing export; due today is 0 days overdue, in the 0–30 bucket.</summary>
public sealed record AgeingLine(
    string Customer,
    string Contract,
    string Instalment,
    DateOnly? DueOn,
    bool NotDue,
    int DaysOverdue,
    long Amount,
    long Open,
    string Owner,
    string Region
)
{
    /// <summary>The ageing bucket's string key, as the report's columns name them.</summary>
    public string Bucket =>
        NotDue ? "Receivables.NotDue"
        : DaysOverdue <= 30 ? "Receivables.D30"
        : DaysOverdue <= 60 ? "Receivables.D60"
        : DaysOverdue <= 90 ? "Receivables.D90"
        : "Receivables.Over90";
}

public sealed record AgeingReport(DateOnly Today, IReadOnlyList<AgeingRow> Rows, int TotalRows, AgeingRow Totals);

/// <summary>An open instalment as a customer's page and the receipt dialog list it.</summary>
public sealed record OpenInstalment(
    Guid Id,
    Guid ContractId,
    string ContractNumber,
    string Name,
    DateOnly? DueOn,
    long Amount,
    long Paid,
    long Open,
    int DaysOverdue
);
