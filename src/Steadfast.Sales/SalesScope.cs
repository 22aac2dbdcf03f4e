using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Sales.Leads;
using Steadfast.Sales.Opportunities;

namespace Steadfast.Sales;

/// <summary>A sales record seen by its owner's side and by the dealer it was handed to.</summary>
internal interface ISalesOwned
{
    Guid? OwnerId { get; }
    Guid? DealerId { get; }
}

/// <summary>
/// Which leads and opportunities the current user may see, the way customers are scoped: admins and executives all; a
/// sales manager their team's and the unowned pool; a rep their own (and their team's with Customers:SalesSeeTeam); a
/// dealer's users what was handed to their dealer. Everyone else none. A record outside it is a 404.
/// </summary>
internal sealed class SalesScope(AppDbContext db, CurrentActor actor, IConfiguration config)
{
    public bool SeesEverything => actor.IsInRole(Roles.Admin) || actor.IsInRole(Roles.Executive);

    public Guid? Me => actor.UserId;

    public string MyName => actor.Principal.FindFirstValue(AppClaims.DisplayName) ?? actor.Name;

    public bool IsManager => actor.IsInRole(Roles.SalesManager) || actor.IsInRole(Roles.Admin);

    public Guid? OwnDealerId =>
        actor.IsInRole(Roles.Dealer) && Guid.TryParse(actor.Principal.FindFirstValue(AppClaims.DealerId), out var d) ? d : null;

    private Guid? Team => Guid.TryParse(actor.Principal.FindFirstValue(AppClaims.TeamId), out var t) ? t : null;

    public IQueryable<Lead> Leads() => Owned(db.Set<Lead>());

    public IQueryable<Opportunity> Opportunities() => Owned(db.Set<Opportunity>());

    private IQueryable<T> Owned<T>(IQueryable<T> all)
        where T : class, ISalesOwned
    {
        if (!actor.IsAuthenticated)
            return all.Where(_ => false);
        if (SeesEverything)
            return all;
        var me = Me;
        if (OwnDealerId is { } dealer)
            return all.Where(r => r.DealerId == dealer);
        if (actor.IsInRole(Roles.SalesManager))
        {
            var mates = Mates();
            return all.Where(r => r.OwnerId == null || r.OwnerId == me || mates.Contains(r.OwnerId.Value));
        }
        if (actor.IsInRole(Roles.Sales))
        {
            if (SeesTeam)
            {
                var mates = Mates();
                return all.Where(r => r.OwnerId == me || mates.Contains(r.OwnerId!.Value));
            }
            return all.Where(r => r.OwnerId == me);
        }
        return all.Where(_ => false);
    }

    /// <summary>Users whose records a manager sees and may assign to: the team's active members, or everyone for an admin.</summary>
    public IQueryable<AppUser> Assignable()
    {
        var users = db.ActiveInRoles(Roles.Sales, Roles.SalesManager);
        if (SeesEverything)
            return users;
        var team = Team;
        var me = Me;
        return users.Where(u => u.Id == me || (team != null && u.TeamId == team));
    }

    private bool SeesTeam => config.GetValue("Customers:SalesSeeTeam", false) && Team is not null;

    private IQueryable<Guid> Mates()
    {
        var team = Team;
        return db.Users.Where(u => team != null && u.TeamId == team).Select(u => u.Id);
    }
}
