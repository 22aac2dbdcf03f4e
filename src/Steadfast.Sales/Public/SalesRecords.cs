namespace Steadfast.Sales.Public;

/// <summary>The sales module's record types as the audit log, rules and approval processes name them.</summary>
public static class SalesRecords
{
    public const string Lead = "lead";
    public const string Opportunity = "opportunity";
    public const string Quote = "quote";
    public const string SalesOrder = "salesorder";
    public const string Project = "project";
    public const string Ecn = "ecn";
    public const string Contract = "contract";
}
