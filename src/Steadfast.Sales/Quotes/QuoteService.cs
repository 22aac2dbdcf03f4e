using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Sales.Opportunities;

namespace Steadfast.Sales.Quotes;

/// <summary>
/// Quotes: made from an opportunity's lines, priced with a discount per line, submitted (through the approval engine
/// when a process applies: by default a discount over 10 %), then sent and accepted. Whoever may see the opportunity may
/// see its quotes.
/// </summary>
internal sealed class QuoteService(
    AppDbContext db,
    SalesScope scope,
    SalesNumbers numbers,
    CustomerDirectory directory,
    IEnumerable<IApprovals> approvals,
    StringTables tables,
    TimeProvider clock,
    IStringLocalizer<Strings> t
) : IApprovalSubject
{
    public string RecordType => Quote.RecordTypeName;

    private IQueryable<Quote> Visible()
    {
        var opportunities = scope.Opportunities().Select(o => o.Id);
        return db.Set<Quote>().Where(q => opportunities.Contains(q.OpportunityId));
    }

    public async Task<List<QuoteDto>> ListAsync(Guid opportunityId, CancellationToken ct) =>
        [
            .. (
                await Visible()
                    .AsNoTracking()
                    .Include(q => q.Lines)
                    .Where(q => q.OpportunityId == opportunityId)
                    .OrderByDescending(q => q.CreatedAtUtc)
                    .ToListAsync(ct)
            ).Select(ToDto),
        ];

    public async Task<QuoteDto> GetAsync(Guid id, CancellationToken ct) =>
        ToDto(
            await Visible().AsNoTracking().Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, ct)
                ?? throw new AppNotFoundException(t["Common.NotFound"])
        );

    private static QuoteDto ToDto(Quote q) =>
        new(
            q.Id,
            q.Number,
            q.OpportunityId,
            q.CustomerId,
            q.CustomerName,
            q.Status,
            q.ValidUntil,
            q.Terms,
            q.ListTotal,
            q.NetTotal,
            q.MaxDiscountPercent,
            q.ApprovalId,
            [
                .. q
                    .Lines.OrderBy(l => l.Position)
                    .Select(l => new QuoteLineDto(l.ProductId, l.Description, l.Quantity, l.ListPrice, l.DiscountPercent, l.Net)),
            ],
            q.CreatedAtUtc,
            q.Version
        );

    /// <summary>A draft from the opportunity's lines at their prices, valid for 30 days.</summary>
    public async Task<QuoteDto> CreateAsync(NewQuote input, CancellationToken ct)
    {
        if (input.OpportunityId is not { } oid)
            throw AppValidationException.For("opportunityId", t["Common.Error.Required"]);
        var o = await scope.Opportunities().AsNoTracking().Include(x => x.Lines).SingleOrDefaultAsync(x => x.Id == oid, ct)
            ?? throw AppValidationException.For("opportunityId", t["Common.NotFound"]);
        if (o.Status != StageKind.Open)
            throw new AppConflictException(t["Opportunities.Error.Closed"]);
        var quote = new Quote
        {
            Id = Guid.CreateVersion7(),
            OpportunityId = o.Id,
            CustomerId = o.CustomerId,
            CustomerName = o.CustomerName,
            ValidUntil = numbers.Today.AddDays(30),
            // The quote goes to a Chinese customer in Chinese, whoever makes it.
            Terms = tables.Find("Quotes.DefaultTerms", new System.Globalization.CultureInfo("zh-CN")) ?? "",
            CreatedById = scope.Me,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var lines =
            o.Lines.Count > 0
                ? o
                    .Lines.OrderBy(l => l.Position)
                    .Select(l => new SaveQuoteLine(l.ProductId, l.Description, l.Quantity, l.UnitPrice, 0))
                    .ToList()
                : [new SaveQuoteLine(null, o.Title, 1, o.Amount, 0)];
        await ApplyLinesAsync(quote, lines, ct);
        await db.InTransactionAsync(
            async () =>
            {
                quote.Number = await numbers.NextAsync("Q", ct);
                db.Add(quote);
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        return await GetAsync(quote.Id, ct);
    }

    public async Task<QuoteDto> UpdateAsync(Guid id, SaveQuote input, CancellationToken ct)
    {
        var quote = await FindAsync(id, input.Version, ct);
        if (quote.Status is not (QuoteStatus.Draft or QuoteStatus.Rejected))
            throw new AppConflictException(t["Quotes.Error.NotDraft"]);
        var errors = new ValidationErrors();
        if (input.ValidUntil is { } until && until < numbers.Today)
            errors.Add("validUntil", t["Quotes.Error.ValidUntil"]);
        if (input.Terms is { Length: > 4000 })
            errors.Add("terms", t["Common.Error.MaxLength", 4000]);
        errors.ThrowIfAny();
        quote.ValidUntil = input.ValidUntil ?? quote.ValidUntil;
        quote.Terms = input.Terms?.Trim() ?? quote.Terms;
        if (input.Lines is not null)
            await ApplyLinesAsync(quote, input.Lines, ct);
        quote.Status = QuoteStatus.Draft;
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private async Task ApplyLinesAsync(Quote quote, List<SaveQuoteLine> lines, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (lines.Count == 0)
            errors.Add("lines", t["Orders.Error.Lines"]);
        var priced = LineItems.Check(
            [.. lines.Select(l => new SaveLine(l.ProductId, l.Description, l.Quantity, l.ListPrice))],
            (await directory.ProductsAsync(ct)).ToDictionary(p => p.Id, p => p.Name),
            errors,
            t
        );
        for (var i = 0; i < lines.Count; i++)
            if (lines[i]?.DiscountPercent is < 0 or > 100)
                errors.Add($"lines[{i}].discountPercent", t["Quotes.Error.Discount"]);
        errors.ThrowIfAny();
        db.RemoveRange(quote.Lines);
        quote.Lines.Clear();
        for (var i = 0; i < priced.Count; i++)
        {
            var discount = Math.Round(lines[i].DiscountPercent ?? 0, 2);
            // No id set: a line with a key EF did not generate would be taken for an existing row to update.
            quote.Lines.Add(
                new QuoteLine
                {
                    QuoteId = quote.Id,
                    Position = i,
                    ProductId = priced[i].ProductId,
                    Description = priced[i].Description,
                    Quantity = priced[i].Quantity,
                    ListPrice = priced[i].UnitPrice,
                    DiscountPercent = discount,
                    Net = (long)Math.Round(priced[i].Amount * (100 - discount) / 100, MidpointRounding.AwayFromZero),
                }
            );
        }
        quote.ListTotal = priced.Sum(l => l.Amount);
        quote.NetTotal = quote.Lines.Sum(l => l.Net);
        quote.MaxDiscountPercent = quote.Lines.Max(l => l.DiscountPercent);
    }

    /// <summary>To its approvers when a process applies (a large discount), else approved at once.</summary>
    public async Task<QuoteDto> SubmitAsync(Guid id, long? version, CancellationToken ct)
    {
        var quote = await FindAsync(id, version, ct);
        if (quote.Status is not (QuoteStatus.Draft or QuoteStatus.Rejected))
            throw new AppConflictException(t["Quotes.Error.NotDraft"]);
        var approval =
            approvals.FirstOrDefault() is { } engine && scope.Me is { } me
                ? await engine.StartAsync(Quote.RecordTypeName, quote.Id, me, ct)
                : null;
        quote.Status = approval is null ? QuoteStatus.Approved : QuoteStatus.PendingApproval;
        quote.ApprovalId = approval?.Id ?? quote.ApprovalId;
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Sent to the customer, then accepted: only an approved quote goes out.</summary>
    public async Task<QuoteDto> AdvanceAsync(Guid id, QuoteStatus to, long? version, CancellationToken ct)
    {
        var quote = await FindAsync(id, version, ct);
        var allowed = (quote.Status, to) is (QuoteStatus.Approved, QuoteStatus.Sent) or (QuoteStatus.Sent, QuoteStatus.Accepted);
        if (!allowed)
            throw new AppConflictException(t["Quotes.Error.Step", t[$"Quotes.Status.{quote.Status}"]]);
        quote.Status = to;
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task DecidedAsync(ApprovalOutcome outcome, CancellationToken ct)
    {
        var quote = await db.Set<Quote>().SingleAsync(q => q.Id == outcome.RecordId, ct);
        if (quote.Status != QuoteStatus.PendingApproval)
            return;
        quote.Status = outcome.Status switch
        {
            ApprovalStatus.Approved => QuoteStatus.Approved,
            ApprovalStatus.Rejected => QuoteStatus.Rejected,
            _ => QuoteStatus.Draft,
        };
    }

    private async Task<Quote> FindAsync(Guid id, long? version, CancellationToken ct)
    {
        var quote = await Visible().Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (version is null)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        db.ExpectVersion(quote, version.Value);
        return quote;
    }
}
