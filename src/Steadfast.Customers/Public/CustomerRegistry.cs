using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Contacts;
using Steadfast.Customers.Customers;
using Steadfast.Platform.Data;

namespace Steadfast.Customers.Public;

/// <summary>Why an existing customer looks like the company being entered.</summary>
public enum CustomerMatchReason
{
    CreditCode = 0,
    Name = 1,
    Phone = 2,
}

/// <summary>
/// An existing customer that looks like the one being entered. <see cref="Visible"/> says whether the caller may open it;
/// one they may not is still named with its owner, so nobody creates a second record of a company a colleague owns.
/// </summary>
public sealed record CustomerMatch(Guid Id, string Name, CustomerMatchReason Reason, string OwnerName, bool Visible);

/// <summary>A company and its first contact, registered when a lead is converted.</summary>
public sealed record NewCustomer(
    string Name,
    string? CreditCode,
    string Industry,
    string Province,
    string City,
    string Phone,
    Guid? OwnerId,
    Guid? DealerId,
    string ContactName,
    string ContactMobile,
    string ContactEmail
);

/// <summary>
/// Registering customers from another module (a converted lead), and finding the ones a new company may duplicate.
/// Writes go through the customer module's own validation; nothing is saved here that the caller does not save.
/// </summary>
public sealed class CustomerRegistry
{
    private readonly AppDbContext _db;
    private readonly CustomerScope _scope;
    private readonly CustomerService _customers;
    private readonly ContactService _contacts;

    internal CustomerRegistry(AppDbContext db, CustomerScope scope, CustomerService customers, ContactService contacts) =>
        (_db, _scope, _customers, _contacts) = (db, scope, customers, contacts);

    /// <summary>The form duplicates are compared in (half-width, no spaces or legal-form suffix).</summary>
    public static string MatchKey(string name) => Text.MatchKey(name);

    public static string NormalizeCreditCode(string code) => CreditCode.Normalize(code);

    public static bool IsValidCreditCode(string? code) => CreditCode.IsValid(code);

    /// <summary>Digits only, without a leading +86 or 0086, so "138-0000 1111" and "+86 13800001111" compare equal.</summary>
    public static string PhoneKey(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("0086", StringComparison.Ordinal))
            digits = digits[4..];
        else if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
            digits = digits[2..];
        return digits;
    }

    /// <summary>Customers matching by credit code, name or phone (the customer's or a contact's), best reason first.</summary>
    public async Task<List<CustomerMatch>> MatchesAsync(string? name, string? creditCode, string? phone, CancellationToken ct)
    {
        var credit = string.IsNullOrWhiteSpace(creditCode) ? null : CreditCode.Normalize(creditCode);
        var key = string.IsNullOrWhiteSpace(name) ? null : Text.MatchKey(name);
        var raw = phone?.Trim() ?? "";
        var active = _db.Set<Customer>().Where(c => c.MergedIntoId == null);
        var found = new List<(Guid Id, CustomerMatchReason Reason)>();
        if (credit is not null)
            found.AddRange(
                (await active.Where(c => c.CreditCode == credit).Select(c => c.Id).ToListAsync(ct)).Select(id =>
                    (id, CustomerMatchReason.CreditCode)
                )
            );
        if (key is { Length: > 0 })
            found.AddRange(
                (await active.Where(c => c.MatchKey == key).Select(c => c.Id).Take(5).ToListAsync(ct)).Select(id =>
                    (id, CustomerMatchReason.Name)
                )
            );
        if (PhoneKey(raw).Length >= 7)
        {
            var byPhone = await active
                .Where(c => c.Phone == raw || _db.Set<Contact>().Any(k => k.CustomerId == c.Id && (k.Mobile == raw || k.Phone == raw)))
                .Select(c => c.Id)
                .Take(5)
                .ToListAsync(ct);
            found.AddRange(byPhone.Select(id => (id, CustomerMatchReason.Phone)));
        }
        if (found.Count == 0)
            return [];
        var ids = found.Select(f => f.Id).Distinct().ToList();
        var visible = await _scope.Customers().Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        var rows = await (
            from c in _db.Set<Customer>().AsNoTracking()
            where ids.Contains(c.Id)
            join u in _db.Users on c.OwnerId equals u.Id into owners
            from u in owners.DefaultIfEmpty()
            select new
            {
                c.Id,
                c.Name,
                Owner = u == null ? "" : u.DisplayName,
            }
        ).ToListAsync(ct);
        return
        [
            .. found
                .GroupBy(f => f.Id)
                .Select(g => (Id: g.Key, Reason: g.Min(f => f.Reason)))
                .OrderBy(f => f.Reason)
                .Join(rows, f => f.Id, r => r.Id, (f, r) => new CustomerMatch(r.Id, r.Name, f.Reason, r.Owner, visible.Contains(r.Id))),
        ];
    }

    /// <summary>Registers the company and its primary contact in the caller's transaction; the customer's id.</summary>
    public async Task<Guid> CreateAsync(NewCustomer input, CancellationToken ct)
    {
        var customer = await _customers.CreateAsync(
            new SaveCustomer(
                input.Name,
                input.CreditCode,
                input.Industry,
                input.Province,
                input.City,
                null,
                input.Phone,
                null,
                null,
                input.OwnerId,
                input.DealerId,
                null,
                null,
                null,
                null
            ),
            ct
        );
        if (input.ContactName.Trim().Length > 0)
            await AddContactAsync(customer.Id, input.ContactName, input.ContactMobile, input.ContactEmail, ct);
        return customer.Id;
    }

    /// <summary>Adds the person to a customer the caller may see unless a contact with that mobile is already there.</summary>
    public async Task AddContactAsync(Guid customerId, string name, string mobile, string email, CancellationToken ct)
    {
        var m = mobile.Trim();
        if (m.Length > 0 && await _db.Set<Contact>().AnyAsync(c => c.CustomerId == customerId && c.Mobile == m, ct))
            return;
        var primary = !await _db.Set<Contact>().AnyAsync(c => c.CustomerId == customerId, ct);
        await _contacts.CreateAsync(customerId, new SaveContact(name, null, m, null, email, null, null, null, primary, true, null), ct);
    }

    /// <summary>The customer's owner (its account manager), for tasks about it; null when it has none or does not exist.</summary>
    public Task<Guid?> OwnerOfAsync(Guid customerId, CancellationToken ct) =>
        _db.Set<Customer>().Where(c => c.Id == customerId).Select(c => c.OwnerId).FirstOrDefaultAsync(ct);
}
