namespace Steadfast.Customers.Public;

/// <summary>A customer's tier (普通 / 重点 / 战略); SLA policies and dispatch read it too.</summary>
public enum CustomerTier
{
    Normal = 0,
    Key = 1,
    Strategic = 2,
}

/// <summary>Where a customer stands with the company.</summary>
public enum CustomerStatus
{
    Prospect = 0,
    Active = 1,
    Dormant = 2,
    Lost = 3,
}
