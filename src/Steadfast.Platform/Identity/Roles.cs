namespace Steadfast.Platform.Identity;

/// <summary>The fixed roles. Customer and Dealer are outside parties tied to one customer or dealer.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string SalesManager = "SalesManager";
    public const string Sales = "Sales";
    public const string ServiceManager = "ServiceManager";
    public const string Dispatcher = "Dispatcher";
    public const string Engineer = "Engineer";
    public const string Warehouse = "Warehouse";
    public const string Finance = "Finance";
    public const string Executive = "Executive";
    public const string Customer = "Customer";
    public const string Dealer = "Dealer";

    public static readonly IReadOnlyList<string> Internal =
        [Admin, SalesManager, Sales, ServiceManager, Dispatcher, Engineer, Warehouse, Finance, Executive];

    public static readonly IReadOnlyList<string> All = [.. Internal, Customer, Dealer];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>Authorization policy names. Every endpoint and page names one of these (or is public).</summary>
public static class Policies
{
    public const string Admin = "Admin";
    /// <summary>Any signed-in employee of the manufacturer (not Customer or Dealer users).</summary>
    public const string Staff = "Staff";
    /// <summary>Anyone signed in, outside parties included; the data they see is scoped by their party.</summary>
    public const string SignedIn = "SignedIn";
}
