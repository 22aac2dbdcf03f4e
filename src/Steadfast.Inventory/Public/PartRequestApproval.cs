using Microsoft.EntityFrameworkCore;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Public;

/// <summary>Parts requests as the approval engine knows them: their record type, and what the default process starts from.</summary>
public static class PartRequestApproval
{
    public const string RecordType = "partrequest";

    /// <summary>Requests above this value (fen) waited for the service manager before approvals became processes.</summary>
    public const long DefaultThreshold = 2_000_00;

    /// <summary>
    /// The threshold the inventory settings held: the default process's condition takes it over once, so an installation
    /// keeps the rule it had.
    /// </summary>
    public static async Task<long> SettingsThresholdAsync(AppDbContext db, CancellationToken ct) =>
        await db.Set<InventorySettings>().Select(s => (long?)s.ApprovalThreshold).FirstOrDefaultAsync(ct) ?? DefaultThreshold;
}
