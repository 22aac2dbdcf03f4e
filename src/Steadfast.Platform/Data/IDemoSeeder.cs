namespace Steadfast.Platform.Data;

/// <summary>A module's share of the demo data. Runs after the users exist, in <see cref="Order"/>.</summary>
public interface IDemoSeeder
{
    int Order { get; }

    /// <summary>
    /// Adds the module's demo records; <paramref name="scale"/> 1 is a mid-size manufacturer. Returns a one-line summary.
    /// </summary>
    Task<string> SeedAsync(double scale, CancellationToken ct);
}

/// <summary>
/// Data a module ships that every installation needs once (a default approval process): made at start-up after the
/// migrations and roles, and never again once it exists, even if an admin later changes or disables it.
/// </summary>
public interface IShippedData
{
    Task EnsureAsync(CancellationToken ct);
}
