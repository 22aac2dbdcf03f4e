using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Steadfast.Platform.Data;

/// <summary>
/// A query compiled once per model. EF binds a compiled query to the first model it runs on and refuses
/// any other; the app has one, but the tests run SQLite and PostgreSQL in one process, with a model each.
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> byModel = new();

    public TQuery For(DbContext db) => byModel.GetOrAdd(db.Model, _ => compile());
}
