using Microsoft.EntityFrameworkCore;

namespace Steadfast.Platform.Data;

public static class VersionExtensions
{
    /// <summary>
    /// The optimistic check of every update: a client that read an older version gets 409 now, and
    /// the UPDATE's WHERE clause still catches a writer that slips in between this check and the save.
    /// </summary>
    public static void ExpectVersion<T>(this DbContext db, T entity, long version)
        where T : class, IVersioned
    {
        if (entity.Version != version)
            throw new DbUpdateConcurrencyException($"{typeof(T).Name} is at version {entity.Version}, not {version}.");
        db.Entry(entity).Property(e => e.Version).OriginalValue = version;
    }
}
