using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Contacts;

public sealed record ContactDto(
    Guid Id,
    Guid CustomerId,
    string Name,
    string Title,
    string Mobile,
    string Phone,
    string Email,
    string WeChat,
    DecisionRole Role,
    string Personality,
    bool IsPrimary,
    bool IsActive,
    long Version
);

public sealed record SaveContact(
    string? Name,
    string? Title,
    string? Mobile,
    string? Phone,
    string? Email,
    string? WeChat,
    DecisionRole? Role,
    string? Personality,
    bool? IsPrimary,
    bool? IsActive,
    long? Version
);

/// <summary>The people at a customer and their place in the decision chain.</summary>
internal sealed class ContactService(AppDbContext db, CustomerScope scope, TimeProvider clock, IStringLocalizer<Strings> t)
{
    public async Task<List<ContactDto>> ListAsync(Guid customerId, CancellationToken ct)
    {
        await EnsureVisibleAsync(customerId, ct);
        return await db.Set<Contact>()
            .AsNoTracking()
            .Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.IsPrimary)
            .ThenByDescending(c => c.IsActive)
            .ThenBy(c => c.Name)
            .Select(c => new ContactDto(
                c.Id,
                c.CustomerId,
                c.Name,
                c.Title,
                c.Mobile,
                c.Phone,
                c.Email,
                c.WeChat,
                c.Role,
                c.Personality,
                c.IsPrimary,
                c.IsActive,
                c.Version
            ))
            .ToListAsync(ct);
    }

    public async Task<ContactDto> CreateAsync(Guid customerId, SaveContact input, CancellationToken ct)
    {
        await EnsureVisibleAsync(customerId, ct);
        var contact = new Contact
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        Apply(contact, input, isNew: true);
        db.Add(contact);
        await ClearOtherPrimariesAsync(contact, ct);
        await db.SaveChangesAsync(ct);
        return ToDto(contact);
    }

    public async Task<ContactDto> UpdateAsync(Guid customerId, Guid id, SaveContact input, CancellationToken ct)
    {
        await EnsureVisibleAsync(customerId, ct);
        var contact = await db.Set<Contact>().SingleOrDefaultAsync(c => c.Id == id && c.CustomerId == customerId, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (input.Version is null)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        db.ExpectVersion(contact, input.Version.Value);
        Apply(contact, input, isNew: false);
        await ClearOtherPrimariesAsync(contact, ct);
        await db.SaveChangesAsync(ct);
        return ToDto(contact);
    }

    private async Task ClearOtherPrimariesAsync(Contact contact, CancellationToken ct)
    {
        if (!contact.IsPrimary)
            return;
        foreach (
            var other in await db.Set<Contact>()
                .Where(c => c.CustomerId == contact.CustomerId && c.Id != contact.Id && c.IsPrimary)
                .ToListAsync(ct)
        )
            other.IsPrimary = false;
    }

    internal void Apply(Contact c, SaveContact input, bool isNew)
    {
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? (isNew ? "" : c.Name);
        if (name.Length is 0 or > 100)
            errors.Add("name", t["Contacts.Error.Name"]);
        var email = input.Email?.Trim() ?? c.Email;
        if (email.Length > 0 && (!MailAddress.TryCreate(email, out _) || email.Length > 200))
            errors.Add("email", t["Users.Error.Email"]);
        foreach (
            var (field, value, max) in new[]
            {
                ("title", input.Title, 100),
                ("mobile", input.Mobile, 40),
                ("phone", input.Phone, 40),
                ("weChat", input.WeChat, 100),
                ("personality", input.Personality, 200),
            }
        )
            if (value is { } v && v.Trim().Length > max)
                errors.Add(field, t["Common.Error.MaxLength", max]);
        if (input.Role is { } role && !Enum.IsDefined(role))
            errors.Add("role", t["Common.Error.Choice"]);
        errors.ThrowIfAny();
        c.Name = name;
        c.Title = input.Title?.Trim() ?? c.Title;
        c.Mobile = input.Mobile?.Trim() ?? c.Mobile;
        c.Phone = input.Phone?.Trim() ?? c.Phone;
        c.Email = email;
        c.WeChat = input.WeChat?.Trim() ?? c.WeChat;
        c.Role = input.Role ?? c.Role;
        c.Personality = input.Personality?.Trim() ?? c.Personality;
        c.IsPrimary = input.IsPrimary ?? c.IsPrimary;
        c.IsActive = input.IsActive ?? c.IsActive;
    }

    private async Task EnsureVisibleAsync(Guid customerId, CancellationToken ct)
    {
        if (!await scope.Customers().AnyAsync(c => c.Id == customerId, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
    }

    private static ContactDto ToDto(Contact c) =>
        new(
            c.Id,
            c.CustomerId,
            c.Name,
            c.Title,
            c.Mobile,
            c.Phone,
            c.Email,
            c.WeChat,
            c.Role,
            c.Personality,
            c.IsPrimary,
            c.IsActive,
            c.Version
        );
}
