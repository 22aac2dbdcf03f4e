namespace Steadfast.Platform.Api;

/// <summary>Rate-limit policies the host registers and modules' endpoints name.</summary>
public static class RateLimits
{
    /// <summary>Anonymous public pages (QR, tracking): per client address.</summary>
    public const string Public = "public";

    /// <summary>Posting leads: per token (a website's form key), so one site cannot flood the pool. Sales:LeadsPerMinute.</summary>
    public const string LeadIntake = "lead-intake";
}
