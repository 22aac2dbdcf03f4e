namespace Steadfast.Service.Public;

/// <summary>A contract's service level as SLA policies and contracts both write it: GOLD, SILVER-24H (upper case).</summary>
public static class ServiceLevels
{
    public const int MaxLength = 30;

    /// <summary>Empty (no level) or up to 30 letters, digits and dashes.</summary>
    public static bool IsValid(string level) => level.Length <= MaxLength && level.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
