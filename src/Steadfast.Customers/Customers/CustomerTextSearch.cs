using Steadfast.Platform.Data;

namespace Steadfast.Customers.Customers;

/// <summary>
/// "Contains" search over customer names and phones and their contacts' phones, answered from the trigram
/// indexes the CustomerTextSearch migration creates instead of a scan of every customer and contact.
/// </summary>
internal static class CustomerTextSearch
{
    public static readonly TextIndex Customers = new("Customers", "CustomerText", "Name", "Phone");
    public static readonly TextIndex Contacts = new("Contacts", "ContactText", "Mobile", "Phone");

    /// <summary>
    /// Ids of customers whose name or phone, or a contact's mobile or phone, contains <paramref name="term"/>,
    /// or whose credit code starts with it. The credit code is one more set of the union rather than an OR
    /// beside it: an OR made the database read every customer to test it.
    /// </summary>
    public static IQueryable<Guid> Matching(AppDbContext db, string term) =>
        Customers
            .Containing(db, "Id", term)
            .Union(Contacts.Containing(db, "CustomerId", term))
            .Union(TextIndex.StartingWith(db, "Customers", "CreditCode", term.ToUpperInvariant()));
}
