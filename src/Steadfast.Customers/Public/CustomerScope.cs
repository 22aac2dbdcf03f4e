using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Equipment;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;

namespace Steadfast.Customers.Public;

/// <summary>
/// Which customers (and so which contacts, machines and everything hanging off them) the current user
/// may see. Every read and write in every module goes through this, so a record outside it is a 404.
/// Service, warehouse, finance and executive roles see all customers: a repair call may come from anyone.
/// Sales see their own (and their team's when Customers:SalesSeeTeam is true); sales managers their
/// team's and the unowned pool; a Customer user its own company; a Dealer user the customers it registered.
/// </summary>
public sealed class CustomerScope(AppDbContext db, CurrentActor actor, IConfiguration config)
{
    private static readonly string[] SeeAll =
    [
        Roles.Admin,
        Roles.Executive,
        Roles.ServiceManager,
        Roles.Dispatcher,
        Roles.Engineer,
        Roles.Warehouse,
        Roles.Finance,
        Roles.RdEngineer,
    ];

    public bool SeesEverything => SeeAll.Any(actor.IsInRole);

    internal IQueryable<Customer> Customers()
    {
        var all = db.Set<Customer>().Where(c => c.MergedIntoId == null);
        if (!actor.IsAuthenticated)
            return all.Where(_ => false);
        if (SeesEverything)
            return all;
        var me = actor.UserId;
        var team = Guid.TryParse(actor.Principal.FindFirstValue(AppClaims.TeamId), out var t) ? t : (Guid?)null;
        if (actor.IsInRole(Roles.SalesManager))
        {
            var mates = db.Users.Where(u => team != null && u.TeamId == team).Select(u => u.Id);
            return all.Where(c => c.OwnerId == null || c.OwnerId == me || mates.Contains(c.OwnerId!.Value));
        }
        if (actor.IsInRole(Roles.Sales))
        {
            if (config.GetValue("Customers:SalesSeeTeam", false) && team is not null)
            {
                var mates = db.Users.Where(u => u.TeamId == team).Select(u => u.Id);
                return all.Where(c => c.OwnerId == me || mates.Contains(c.OwnerId!.Value));
            }
            return all.Where(c => c.OwnerId == me);
        }
        if (actor.IsInRole(Roles.Customer) && Guid.TryParse(actor.Principal.FindFirstValue(AppClaims.CustomerId), out var customer))
            return all.Where(c => c.Id == customer);
        if (actor.IsInRole(Roles.Dealer) && Guid.TryParse(actor.Principal.FindFirstValue(AppClaims.DealerId), out var dealer))
            return all.Where(c => c.DealerId == dealer);
        return all.Where(_ => false);
    }

    internal IQueryable<Machine> Machines()
    {
        var machines = db.Set<Machine>();
        if (SeesEverything)
            return machines;
        var visible = Customers().Select(c => c.Id);
        return machines.Where(m => visible.Contains(m.CustomerId));
    }

    /// <summary>The dealer a Dealer user acts for (new customers are registered to it), else null.</summary>
    public Guid? OwnDealerId =>
        actor.IsInRole(Roles.Dealer) && Guid.TryParse(actor.Principal.FindFirstValue(AppClaims.DealerId), out var d) ? d : null;

    public bool IsOutsideParty => actor.IsInRole(Roles.Customer) || actor.IsInRole(Roles.Dealer);

    public Guid? UserId => actor.UserId;
}

/// <summary>Fixed ids of the demo customer and dealer, so the outside-party demo users are tied to real records.</summary>
public static class DemoParties
{
    public static readonly Guid CustomerId = new("00000000-0000-0000-0000-00000000c001");
    public static readonly Guid DealerId = new("00000000-0000-0000-0000-00000000d001");
}
