using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Notifications;
using Steadfast.Sales.Opportunities;

namespace Steadfast.Sales.Leads;

/// <summary>Leads (线索): entry with the duplicate check, assignment by the rules, contacts, qualification and conversion.</summary>
internal sealed class LeadService(
    AppDbContext db,
    SalesScope scope,
    CustomerRegistry registry,
    CustomerDirectory directory,
    CustomFieldService fields,
    SalesNumbers numbers,
    OpportunityService opportunities,
    Notifier notifier,
    TimeProvider clock,
    IStringLocalizer<Strings> t
)
{
    // Assignment reads the reps' loads and then adds a lead: two at once would both see a rep under the cap.
    private const long AssignLock = 0x5341_4C45_0001;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<PagedResult<LeadListItem>> ListAsync(LeadQuery query, PageRequest page, CancellationToken ct)
    {
        var q = scope.Leads().AsNoTracking();
        if (query.Status is { } status)
            q = q.Where(l => l.Status == status);
        if (query.Source is { } source)
            q = q.Where(l => l.Source == source);
        if (query.OwnerId is { } owner)
            q = q.Where(l => l.OwnerId == owner);
        if (query.Mine)
        {
            var me = scope.Me;
            q = q.Where(l => l.OwnerId == me);
        }
        if (query.Pool)
            q = q.Where(l => l.OwnerId == null && l.Status == LeadStatus.Open);
        var cutoff = Now - Lead.ContactWithin;
        if (query.Overdue)
            q = q.Where(Lead.Untouched(cutoff));
        if (!string.IsNullOrWhiteSpace(query.Province))
            q = q.Where(l => l.Province == query.Province);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim();
            var key = CustomerRegistry.MatchKey(term);
            var phone = CustomerRegistry.PhoneKey(term);
            q = q.Where(l =>
                l.Number == term
                || l.MatchKey.StartsWith(key)
                || l.ContactName.StartsWith(term)
                || (phone.Length >= 4 && l.PhoneKey.StartsWith(phone))
            );
        }
        return await q.ToPageAsync(
            s => s.OrderByDescending(l => l.CreatedAtUtc).ThenByDescending(l => l.Id),
            s =>
                from l in s
                join u in db.Users on l.OwnerId equals u.Id into owners
                from u in owners.DefaultIfEmpty()
                select new LeadListItem(
                    l.Id,
                    l.Number,
                    l.CompanyName,
                    l.ContactName,
                    l.Phone,
                    l.Province,
                    l.City,
                    l.Industry,
                    l.Source,
                    l.Status,
                    l.OwnerId,
                    u == null ? "" : u.DisplayName,
                    l.EstimatedAmount,
                    l.CreatedAtUtc,
                    l.AssignedAtUtc,
                    l.FirstContactAtUtc,
                    Lead.IsUntouched(l.Status, l.FirstContactAtUtc, l.AssignedAtUtc, cutoff)
                ),
            page,
            ct
        );
    }

    public async Task<LeadDetail> GetAsync(Guid id, CancellationToken ct)
    {
        var l = await scope.Leads().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var names = await db.Users.Where(u => u.Id == l.OwnerId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var customerNames = await directory.CustomerNamesAsync(new[] { l.CustomerId, l.ReferredByCustomerId }.OfType<Guid>(), ct);
        var activities = await db.Set<SalesActivity>()
            .AsNoTracking()
            .Where(a => a.LeadId == id)
            .OrderByDescending(a => a.AtUtc)
            .Take(100)
            .Select(a => new SalesActivityDto(a.Id, a.Kind, a.Note, a.AtUtc, a.ByName))
            .ToListAsync(ct);
        var why = AssignmentWhy.Parse(l.AssignmentReason);
        return new LeadDetail(
            l.Id,
            l.Number,
            l.Source,
            l.Status,
            l.CompanyName,
            l.CreditCode,
            l.ContactName,
            l.Phone,
            l.Email,
            l.Province,
            l.City,
            l.Industry,
            l.ProductCategory,
            l.ProductId,
            l.EstimatedAmount,
            l.Notes,
            l.ReferredByCustomerId,
            l.ReferredByCustomerId is { } r ? customerNames.GetValueOrDefault(r, "") : "",
            l.DealerId,
            l.OwnerId,
            names ?? "",
            l.AssignedAtUtc,
            why is null ? null : new AssignmentDto(why.Kind, l.AssignmentRule, why.Matched, why.Open, why.Cap, why.AtCap, why.By),
            l.FirstContactAtUtc,
            l.LastContactAtUtc,
            Lead.IsUntouched(l.Status, l.FirstContactAtUtc, l.AssignedAtUtc, Now - Lead.ContactWithin),
            l.DisqualifyReason,
            l.CustomerId,
            l.CustomerId is { } c ? customerNames.GetValueOrDefault(c, "") : "",
            l.OpportunityId,
            l.CreatedAtUtc,
            activities,
            l.CustomFields.Values,
            l.Version
        );
    }

    /// <summary>Reps the caller may hand leads and opportunities to.</summary>
    public Task<List<UserOption>> AssignableAsync(CancellationToken ct) =>
        scope.Assignable().OrderBy(u => u.DisplayName).Select(u => new UserOption(u.Id, u.DisplayName)).ToListAsync(ct);

    /// <summary>Customers and open leads that look like the company: by credit code, name, phone.</summary>
    public async Task<DuplicateCheck> DuplicatesAsync(string? name, string? creditCode, string? phone, Guid? except, CancellationToken ct)
    {
        var customers = await registry.MatchesAsync(name, creditCode, phone, ct);
        var key = string.IsNullOrWhiteSpace(name) ? "" : CustomerRegistry.MatchKey(name);
        var phoneKey = CustomerRegistry.PhoneKey(phone);
        var credit = string.IsNullOrWhiteSpace(creditCode) ? null : CustomerRegistry.NormalizeCreditCode(creditCode);
        if (phoneKey.Length < 7)
            phoneKey = "";
        var open = db.Set<Lead>().Where(l => (l.Status == LeadStatus.Open || l.Status == LeadStatus.Qualified) && l.Id != except);
        var rows = await (
            from l in open.Where(l =>
                (credit != null && l.CreditCode == credit) || (key != "" && l.MatchKey == key) || (phoneKey != "" && l.PhoneKey == phoneKey)
            )
            join u in db.Users on l.OwnerId equals u.Id into owners
            from u in owners.DefaultIfEmpty()
            select new
            {
                l.Id,
                l.Number,
                l.CompanyName,
                l.CreditCode,
                l.MatchKey,
                Owner = u == null ? "" : u.DisplayName,
            }
        )
            .Take(10)
            .ToListAsync(ct);
        var leads = rows.Select(r => new LeadMatch(
                r.Id,
                r.Number,
                r.CompanyName,
                r.Owner,
                credit != null && r.CreditCode == credit ? CustomerMatchReason.CreditCode
                    : key != "" && r.MatchKey == key ? CustomerMatchReason.Name
                    : CustomerMatchReason.Phone
            ))
            .OrderBy(m => m.Reason)
            .ToList();
        return new DuplicateCheck(customers, leads);
    }

    public async Task<LeadDetail> CreateAsync(SaveLead input, CancellationToken ct) =>
        await GetAsync((await CreateCoreAsync(input, ct)).Id, ct);

    /// <summary>The website form: a repeat from the phone or e-mail of an open lead is a note on it, not a second lead.</summary>
    public async Task<LeadCreated> IntakeAsync(SaveLead input, CancellationToken ct)
    {
        var phoneKey = CustomerRegistry.PhoneKey(input.Phone);
        var email = input.Email?.Trim() ?? "";
        if (phoneKey.Length >= 7 || email.Length > 0)
        {
            var existing = await db.Set<Lead>()
                .Where(l =>
                    (l.Status == LeadStatus.Open || l.Status == LeadStatus.Qualified)
                    && ((phoneKey.Length >= 7 && l.PhoneKey == phoneKey) || (email != "" && l.Email == email))
                )
                .OrderByDescending(l => l.CreatedAtUtc)
                .FirstOrDefaultAsync(ct);
            if (existing is not null)
            {
                var note = (input.Notes ?? "").Trim();
                if (note.Length > 0)
                {
                    db.Add(
                        new SalesActivity
                        {
                            Id = Guid.CreateVersion7(),
                            LeadId = existing.Id,
                            Kind = ContactKind.Message,
                            Note = note.Length > 2000 ? note[..2000] : note,
                            AtUtc = Now,
                            ByName = t["Leads.Source.WebForm"],
                        }
                    );
                    await db.SaveChangesAsync(ct);
                }
                return new LeadCreated(existing.Id, existing.Number, true);
            }
        }
        var lead = await CreateCoreAsync(
            input with
            {
                Source = LeadSource.WebForm,
                OwnerId = null,
                CustomerId = null,
                DealerId = null,
            },
            ct,
            web: true
        );
        return new LeadCreated(lead.Id, lead.Number, false);
    }

    internal async Task<Lead> CreateCoreAsync(SaveLead input, CancellationToken ct, bool web = false, bool imported = false)
    {
        var lead = new Lead { Id = Guid.CreateVersion7(), CreatedAtUtc = Now };
        await ApplyAsync(lead, input, isNew: true, ct);
        if (input.CustomerId is { } attach)
        {
            if (!await directory.CanSeeCustomerAsync(attach, ct))
                throw AppValidationException.For("customerId", t["Leads.Error.Customer"]);
            lead.CustomerId = attach;
        }
        var hand = web || imported ? null : input.OwnerId;
        return await db.InTransactionAsync(
            async () =>
            {
                lead.Number = await numbers.NextAsync("L", ct);
                if (scope.OwnDealerId is { } dealer)
                {
                    lead.DealerId = dealer;
                    lead.Source = LeadSource.Dealer;
                    SetOwner(lead, scope.Me, null, new AssignmentWhy("dealer", [], 0, 0, [], scope.MyName));
                }
                else if (hand is { } owner)
                {
                    await CheckAssignableAsync(owner, "ownerId", ct);
                    SetOwner(lead, owner, null, new AssignmentWhy("hand", [], 0, 0, [], scope.MyName));
                }
                else if (!web && !imported && !scope.IsManager && !scope.SeesEverything && scope.Me is { } me)
                    // A rep's own entry (a card from a trade show) is theirs to follow up.
                    SetOwner(lead, me, null, new AssignmentWhy("hand", [], 0, 0, [], scope.MyName));
                else
                    await AutoAssignAsync(lead, ct);
                db.Add(lead);
                // An imported file would be a mail per row: the bell alone tells the reps of those.
                await NotifyAssignedAsync(lead, mail: !imported, ct);
                await db.SaveChangesAsync(ct);
                return lead;
            },
            ct
        );
    }

    private void SetOwner(Lead lead, Guid? owner, AssignmentRule? rule, AssignmentWhy why)
    {
        lead.OwnerId = owner;
        lead.AssignedAtUtc = owner is null ? null : Now;
        lead.AssignmentRuleId = rule?.Id;
        lead.AssignmentRule = rule?.Name ?? "";
        lead.AssignmentReason = why.ToJson();
        // A new owner has their own 24 hours: earlier contacts were someone else's.
        lead.FirstContactAtUtc = null;
    }

    /// <summary>Runs the rules for the lead (inside the caller's transaction): an owner, or the pool.</summary>
    private async Task AutoAssignAsync(Lead lead, CancellationToken ct)
    {
        await db.LockUntilCommitAsync(AssignLock, ct);
        var rules = await db.Set<AssignmentRule>().AsNoTracking().Where(r => r.Enabled).OrderBy(r => r.Order).ToListAsync(ct);
        var cap = await db.Set<SalesSettings>().Select(s => (int?)s.OpenLeadCap).FirstOrDefaultAsync(ct) ?? new SalesSettings().OpenLeadCap;
        var loads = await LeadAssigner.LoadsAsync(db, rules, ct);
        var (rule, eligible, why) = LeadAssigner.Match(
            new LeadFacts(lead.Province, lead.Industry, lead.ProductCategory),
            rules,
            loads,
            cap
        );
        if (rule is null)
        {
            SetOwner(lead, null, null, why);
            return;
        }
        var pick = LeadAssigner.Pick(eligible, await LeadAssigner.LastSeqAsync(db, rule.Id, eligible.Select(r => r.Id), ct));
        SetOwner(lead, pick.Id, rule, why with { Open = pick.Open });
        lead.AssignmentSeq = await db.NextAsync("lead-assignment", ct);
    }

    private async Task NotifyAssignedAsync(Lead lead, bool mail, CancellationToken ct)
    {
        string[] args = [lead.Number, lead.CompanyName.Length > 0 ? lead.CompanyName : lead.ContactName];
        if (lead.OwnerId is { } owner)
        {
            if (owner != scope.Me)
                notifier.NotifyUsers("LeadAssigned", [owner], $"/leads/{lead.Id}", args, mail);
        }
        else
        {
            var managers = await db.ActiveInRoles(Roles.SalesManager).Select(u => u.Id).ToListAsync(ct);
            notifier.NotifyUsers("LeadPooled", managers, $"/leads/{lead.Id}", args, mail: false);
        }
    }

    private async Task CheckAssignableAsync(Guid owner, string field, CancellationToken ct)
    {
        if (!await scope.Assignable().AnyAsync(u => u.Id == owner, ct))
            throw AppValidationException.For(field, t["Leads.Error.Owner"]);
    }

    public async Task<LeadDetail> UpdateAsync(Guid id, SaveLead input, CancellationToken ct)
    {
        var lead = await FindAsync(id, input.Version, ct);
        if (lead.Status is LeadStatus.Converted or LeadStatus.Disqualified)
            throw new AppConflictException(t["Leads.Error.Closed"]);
        await ApplyAsync(lead, input, isNew: false, ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private async Task<Lead> FindAsync(Guid id, long? version, CancellationToken ct)
    {
        var lead = await scope.Leads().SingleOrDefaultAsync(l => l.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (version is null)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        db.ExpectVersion(lead, version.Value);
        return lead;
    }

    private async Task ApplyAsync(Lead lead, SaveLead input, bool isNew, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        string Text(string? value, string current, int max, string field)
        {
            var v = value?.Trim() ?? (isNew ? "" : current);
            if (v.Length > max)
                errors.Add(field, t["Common.Error.MaxLength", max]);
            return v;
        }
        var company = Text(input.CompanyName, lead.CompanyName, 200, "companyName");
        var contact = Text(input.ContactName, lead.ContactName, 100, "contactName");
        var phone = Text(input.Phone, lead.Phone, 40, "phone");
        var email = Text(input.Email, lead.Email, 200, "email");
        if (company.Length == 0 && phone.Length == 0)
        {
            errors.Add("phone", t["Leads.Error.CompanyOrPhone"]);
            errors.Add("companyName", t["Leads.Error.CompanyOrPhone"]);
        }
        if (email.Length > 0 && !System.Net.Mail.MailAddress.TryCreate(email, out _))
            errors.Add("email", t["Users.Error.Email"]);
        string? credit = input.CreditCode is null ? lead.CreditCode : CustomerRegistry.NormalizeCreditCode(input.CreditCode);
        if (credit is { Length: 0 })
            credit = null;
        if (credit is not null && !CustomerRegistry.IsValidCreditCode(credit))
            errors.Add("creditCode", t["Customers.Error.CreditCode"]);
        if (input.Source is { } source && !Enum.IsDefined(source))
            errors.Add("source", t["Common.Error.Choice"]);
        if (input.EstimatedAmount is < 0)
            errors.Add("estimatedAmount", t["Sales.Error.Amount"]);
        if (input.DealerId is { } dealer && (scope.OwnDealerId is not null || !await directory.DealerExistsAsync(dealer, ct)))
            errors.Add("dealerId", t["Leads.Error.Dealer"]);
        if (input.ReferredByCustomerId is { } referrer && !await directory.CanSeeCustomerAsync(referrer, ct))
            errors.Add("referredByCustomerId", t["Leads.Error.Customer"]);
        if ((input.Source ?? lead.Source) == LeadSource.Referral && (input.ReferredByCustomerId ?? lead.ReferredByCustomerId) is null)
            errors.Add("referredByCustomerId", t["Leads.Error.Referrer"]);
        var values = await fields.ValidateAsync(Lead.RecordTypeName, input.CustomFields, isNew ? null : lead.CustomFields, errors, ct);
        var notes = Text(input.Notes, lead.Notes, 4000, "notes");
        var province = Text(input.Province, lead.Province, 50, "province");
        var city = Text(input.City, lead.City, 50, "city");
        var industry = Text(input.Industry, lead.Industry, 100, "industry");
        var category = Text(input.ProductCategory, lead.ProductCategory, 100, "productCategory");
        errors.ThrowIfAny();
        lead.Source = input.Source ?? lead.Source;
        lead.CompanyName = company;
        lead.MatchKey = company.Length == 0 ? "" : CustomerRegistry.MatchKey(company);
        lead.CreditCode = credit;
        lead.ContactName = contact;
        lead.Phone = phone;
        lead.PhoneKey = CustomerRegistry.PhoneKey(phone);
        lead.Email = email;
        lead.Province = province;
        lead.City = city;
        lead.Industry = industry;
        lead.ProductCategory = category;
        lead.ProductId = input.ProductId ?? lead.ProductId;
        lead.EstimatedAmount = input.EstimatedAmount ?? lead.EstimatedAmount;
        lead.Notes = notes;
        lead.ReferredByCustomerId = input.ReferredByCustomerId ?? lead.ReferredByCustomerId;
        // Handed to a dealer (渠道): its users see and work it.
        lead.DealerId = input.DealerId ?? lead.DealerId;
        lead.CustomFields = values;
    }

    /// <summary>By hand (a manager picks the rep, or sends it to the pool) or by the rules again.</summary>
    public async Task<LeadDetail> AssignAsync(Guid id, AssignLead input, CancellationToken ct)
    {
        if (!scope.IsManager && !scope.SeesEverything)
            throw new AppConflictException(t["Leads.Error.OnlyManagers"]);
        var lead = await FindAsync(id, input.Version, ct);
        if (lead.Status is LeadStatus.Converted or LeadStatus.Disqualified)
            throw new AppConflictException(t["Leads.Error.Closed"]);
        await db.InTransactionAsync(
            async () =>
            {
                if (input.Auto == true)
                    await AutoAssignAsync(lead, ct);
                else if (input.OwnerId is { } owner)
                {
                    await CheckAssignableAsync(owner, "ownerId", ct);
                    SetOwner(lead, owner, null, new AssignmentWhy("hand", [], 0, 0, [], scope.MyName));
                }
                else
                    SetOwner(lead, null, null, new AssignmentWhy("pool", [], 0, 0, [], scope.MyName));
                await NotifyAssignedAsync(lead, mail: true, ct);
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        return await GetAsync(id, ct);
    }

    /// <summary>A call, visit or message: the first one after assignment stops the 24-hour clock.</summary>
    public async Task<LeadDetail> LogContactAsync(Guid id, LogContact input, CancellationToken ct)
    {
        var lead = await scope.Leads().SingleOrDefaultAsync(l => l.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        db.Add(ContactLog.Check(input, id, null, scope, Now, t));
        lead.FirstContactAtUtc ??= Now;
        lead.LastContactAtUtc = Now;
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<LeadDetail> QualifyAsync(Guid id, long? version, CancellationToken ct)
    {
        var lead = await FindAsync(id, version, ct);
        if (lead.Status != LeadStatus.Open)
            throw new AppConflictException(t["Leads.Error.NotOpen"]);
        lead.Status = LeadStatus.Qualified;
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<LeadDetail> DisqualifyAsync(Guid id, Disqualify input, CancellationToken ct)
    {
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500)
            throw AppValidationException.For("reason", t["Leads.Error.Reason"]);
        var lead = await FindAsync(id, input.Version, ct);
        if (lead.Status is not (LeadStatus.Open or LeadStatus.Qualified))
            throw new AppConflictException(t["Leads.Error.NotOpen"]);
        lead.Status = LeadStatus.Disqualified;
        lead.DisqualifyReason = reason;
        lead.ClosedAtUtc = Now;
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// Registers the company (credit code checked) and its contact, or links the customer named, and opens an opportunity,
    /// all in one transaction: a failure anywhere leaves the lead as it was and nothing new behind.
    /// </summary>
    public async Task<Converted> ConvertAsync(Guid id, ConvertLead input, CancellationToken ct)
    {
        var lead = await FindAsync(id, input.Version, ct);
        if (lead.Status is not (LeadStatus.Open or LeadStatus.Qualified))
            throw new AppConflictException(t["Leads.Error.NotOpen"]);
        var errors = new ValidationErrors();
        var customerId = input.CustomerId ?? lead.CustomerId;
        var credit = string.IsNullOrWhiteSpace(input.CreditCode) ? lead.CreditCode : CustomerRegistry.NormalizeCreditCode(input.CreditCode);
        if (customerId is { } linked && !await directory.CanSeeCustomerAsync(linked, ct))
            errors.Add("customerId", t["Leads.Error.Customer"]);
        if (customerId is null)
        {
            if (lead.CompanyName.Length == 0)
                errors.Add("companyName", t["Leads.Error.CompanyToConvert"]);
            if (credit is not null && !CustomerRegistry.IsValidCreditCode(credit))
                errors.Add("creditCode", t["Customers.Error.CreditCode"]);
            else if (credit is not null && (await registry.MatchesAsync(null, credit, null, ct)).FirstOrDefault() is { } taken)
                errors.Add("creditCode", t["Leads.Error.CreditCodeTaken", taken.Name]);
        }
        if (input.Amount is < 0)
            errors.Add("amount", t["Sales.Error.Amount"]);
        errors.ThrowIfAny();
        var owner = lead.OwnerId ?? scope.Me;
        return await db.InTransactionAsync(
            async () =>
            {
                var created = customerId is null;
                var customer = customerId
                    ?? await registry.CreateAsync(
                        new NewCustomer(
                            lead.CompanyName,
                            credit,
                            lead.Industry,
                            lead.Province,
                            lead.City,
                            lead.Phone,
                            owner,
                            lead.DealerId,
                            lead.ContactName,
                            lead.Phone,
                            lead.Email
                        ),
                        ct
                    );
                if (!created && lead.ContactName.Length > 0)
                    await registry.AddContactAsync(customer, lead.ContactName, lead.Phone, lead.Email, ct);
                var opportunity = await opportunities.OpenFromLeadAsync(
                    lead,
                    customer,
                    owner,
                    string.IsNullOrWhiteSpace(input.OpportunityTitle) ? null : input.OpportunityTitle.Trim(),
                    input.Amount ?? lead.EstimatedAmount ?? 0,
                    input.ExpectedCloseOn,
                    ct
                );
                lead.Status = LeadStatus.Converted;
                lead.CustomerId = customer;
                lead.CreditCode = credit;
                lead.OpportunityId = opportunity.Id;
                lead.ClosedAtUtc = Now;
                await db.SaveChangesAsync(ct);
                return new Converted(lead.Id, customer, created, opportunity.Id, opportunity.Number);
            },
            ct
        );
    }
}
