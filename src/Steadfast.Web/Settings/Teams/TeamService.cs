using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Company;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Web.Settings;

public sealed record TeamDto(Guid Id, string Name, string Region, Guid? ManagerId, string? ManagerName, int Members, long Version);

public sealed record SaveTeam(string? Name, string? Region, Guid? ManagerId, long? Version);

/// <summary>Teams and the regions they cover.</summary>
public sealed class TeamService(AppDbContext db, IStringLocalizer<Strings> t)
{
    public Task<List<TeamDto>> ListAsync(CancellationToken ct) =>
        db
            .Teams.AsNoTracking()
            .OrderBy(x => x.Region)
            .ThenBy(x => x.Name)
            .Select(x => new TeamDto(
                x.Id,
                x.Name,
                x.Region,
                x.ManagerId,
                db.Users.Where(u => u.Id == x.ManagerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Users.Count(u => u.TeamId == x.Id),
                x.Version
            ))
            .ToListAsync(ct);

    public async Task<TeamDto> CreateAsync(SaveTeam input, CancellationToken ct)
    {
        await CheckAsync(input, null, ct);
        var team = new Team
        {
            Id = Guid.CreateVersion7(),
            Name = input.Name!.Trim(),
            Region = input.Region?.Trim() ?? "",
            ManagerId = input.ManagerId,
        };
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        return (await ListAsync(ct)).Single(x => x.Id == team.Id);
    }

    public async Task<TeamDto> UpdateAsync(Guid id, SaveTeam input, CancellationToken ct)
    {
        var team = await db.Teams.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        await CheckAsync(input, id, ct);
        db.ExpectVersion(team, input.Version!.Value);
        team.Name = input.Name!.Trim();
        team.Region = input.Region?.Trim() ?? "";
        team.ManagerId = input.ManagerId;
        await db.SaveChangesAsync(ct);
        return (await ListAsync(ct)).Single(x => x.Id == id);
    }

    public async Task DeleteAsync(Guid id, CancellationToken ct)
    {
        var team = await db.Teams.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (await db.Users.AnyAsync(u => u.TeamId == id, ct))
            throw new AppConflictException(t["Teams.Error.HasMembers"]);
        db.Teams.Remove(team);
        await db.SaveChangesAsync(ct);
    }

    private async Task CheckAsync(SaveTeam input, Guid? id, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100)
            errors.Add("name", t["Teams.Error.Name"]);
        else if (await db.Teams.AnyAsync(x => x.Name == input.Name.Trim() && x.Id != id, ct))
            errors.Add("name", t["Teams.Error.NameTaken"]);
        if (input.Region is { Length: > 100 })
            errors.Add("region", t["Teams.Error.Region"]);
        if (input.ManagerId is { } m && !await db.Users.AnyAsync(u => u.Id == m, ct))
            errors.Add("managerId", t["Teams.Error.Manager"]);
        if (id is not null && input.Version is null)
            errors.Add("version", t["Common.Error.VersionRequired"]);
        errors.ThrowIfAny();
    }
}
