using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;

namespace Steadfast.Platform.Views;

/// <summary>Each user's saved list filters. Nobody sees another user's views.</summary>
public sealed class SavedViewService(AppDbContext db, CurrentActor actor, TimeProvider clock, IStringLocalizer<Strings> t)
{
    public Task<List<SavedViewDto>> ListAsync(string list, CancellationToken ct)
    {
        var me = actor.UserId;
        return db.Set<SavedView>()
            .AsNoTracking()
            .Where(v => v.UserId == me && v.List == list)
            .OrderBy(v => v.Name)
            .Select(v => new SavedViewDto(v.Id, v.List, v.Name, v.Query))
            .ToListAsync(ct);
    }

    /// <summary>Saves (or, for the same name, replaces) a view of the current user.</summary>
    public async Task<SavedViewDto> SaveAsync(SaveView input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.List) || input.List.Length > 40)
            errors.Add("list", t["Views.Error.List"]);
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100)
            errors.Add("name", t["Views.Error.Name"]);
        if (input.Query is { Length: > 2000 })
            errors.Add("query", t["Common.Error.MaxLength", 2000]);
        errors.ThrowIfAny();
        var me = actor.UserId ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var name = input.Name!.Trim();
        var view = await db.Set<SavedView>().SingleOrDefaultAsync(v => v.UserId == me && v.List == input.List && v.Name == name, ct);
        if (view is null)
        {
            view = new SavedView
            {
                Id = Guid.CreateVersion7(),
                UserId = me,
                List = input.List!,
                Name = name,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            db.Add(view);
        }
        view.Query = (input.Query ?? "").TrimStart('?');
        await db.SaveChangesAsync(ct);
        return new SavedViewDto(view.Id, view.List, view.Name, view.Query);
    }

    public async Task DeleteAsync(Guid id, CancellationToken ct)
    {
        var me = actor.UserId;
        var view = await db.Set<SavedView>().SingleOrDefaultAsync(v => v.Id == id && v.UserId == me, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        db.Remove(view);
        await db.SaveChangesAsync(ct);
    }
}

public static class SavedViewEndpoints
{
    public static void MapSavedViewEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/saved-views").WithTags("Saved views").RequirePolicy(Policies.SignedIn);
        g.MapGet("", (string list, SavedViewService s, CancellationToken ct) => s.ListAsync(list, ct))
            .WithName("ListSavedViews")
            .WithSummary("My saved filters for a list (e.g. list=customers).");
        g.MapPost("", async (SaveView body, SavedViewService s, CancellationToken ct) =>
            {
                var v = await s.SaveAsync(body, ct);
                return TypedResults.Created($"/api/v1/saved-views/{v.Id}", v);
            })
            .WithName("SaveView")
            .WithSummary("Save the list filters under a name; the same name replaces the old ones.");
        g.MapDelete("/{id:guid}", async (Guid id, SavedViewService s, CancellationToken ct) =>
            {
                await s.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteView")
            .WithSummary("Delete a saved view");
    }
}
