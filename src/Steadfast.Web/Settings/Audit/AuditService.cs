using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;

namespace Steadfast.Web.Settings;

public sealed record AuditDto(
    Guid Id,
    DateTime At,
    Guid? UserId,
    string UserName,
    string Entity,
    string EntityId,
    AuditAction Action,
    IReadOnlyList<FieldChange> Changes
);

public sealed record AuditQuery(string? Entity, string? Id, Guid? UserId, DateTime? From, DateTime? To);

/// <summary>Reads the audit log, newest first. Nothing here writes to it: the interceptor does.</summary>
public sealed class AuditService(AppDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PagedResult<AuditDto>> ListAsync(AuditQuery query, PageRequest page, CancellationToken ct)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Entity))
            q = q.Where(a => a.EntityType == query.Entity);
        if (!string.IsNullOrWhiteSpace(query.Id))
            q = q.Where(a => a.EntityId == query.Id);
        if (query.UserId is { } user)
            q = q.Where(a => a.UserId == user);
        if (query.From is { } from)
            q = q.Where(a => a.AtUtc >= from);
        if (query.To is { } to)
            q = q.Where(a => a.AtUtc < to);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new PagedResult<AuditDto>(
            rows.Select(a => new AuditDto(
                    a.Id,
                    a.AtUtc,
                    a.UserId,
                    a.UserName,
                    a.EntityType,
                    a.EntityId,
                    a.Action,
                    JsonSerializer.Deserialize<List<FieldChange>>(a.Changes, Json) ?? []
                ))
                .ToList(),
            total
        );
    }

    public Task<List<string>> EntityTypesAsync(CancellationToken ct) =>
        db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(e => e).ToListAsync(ct);
}
