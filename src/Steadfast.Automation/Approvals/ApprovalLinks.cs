using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Steadfast.Automation.Approvals;

/// <summary>
/// The link in an approval's mail or message that lets its approver decide without signing in: it names one vote, is
/// signed with the app's data-protection keys (shared by all nodes through the database), expires, and is spent once the
/// vote is cast.
/// </summary>
internal sealed class ApprovalLinks(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);
    private readonly IDataProtector _protector = protection.CreateProtector("Steadfast.Approvals.Link.v1");

    public string For(ApprovalVote vote, DateTime nowUtc) => $"/approve/{Token(vote.Id, nowUtc + Lifetime)}";

    public string Token(Guid voteId, DateTime expiresUtc) =>
        _protector.Protect($"{voteId:N}.{expiresUtc.Ticks.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The vote a token names, or why it names none.</summary>
    public (Guid? VoteId, LinkProblem? Problem) Read(string token, DateTime nowUtc)
    {
        string text;
        try
        {
            text = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return (null, LinkProblem.Invalid);
        }
        var parts = text.Split('.');
        if (
            parts.Length != 2
            || !Guid.TryParseExact(parts[0], "N", out var id)
            || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ticks)
        )
            return (null, LinkProblem.Invalid);
        return ticks < nowUtc.Ticks ? (null, LinkProblem.Expired) : (id, null);
    }
}

public enum LinkProblem
{
    Invalid = 0,
    Expired = 1,

    /// <summary>The vote was cast (by this link or on the page), or the step moved on.</summary>
    Used = 2,
}
