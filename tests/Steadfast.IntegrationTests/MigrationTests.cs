using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Data;

namespace Steadfast.IntegrationTests;

/// <summary>The two migration sets must both match the model, and so describe the same schema.</summary>
public sealed class MigrationTests
{
    private static AppDbContext Context(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseSettings(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=none").Apply(
            options
        );
        return new AppDbContext(options.Options);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Each_migration_set_is_up_to_date_with_the_model(DatabaseProvider provider)
    {
        using var db = Context(provider);
        Assert.True(db.Database.GetMigrations().Any(), $"{provider} has no migrations");
        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"The model has changed since the last {provider} migration: add one with dotnet ef migrations add (see README)."
        );
    }

    [Fact]
    public void Both_migration_sets_describe_the_same_tables_columns_keys_and_indexes()
    {
        static SortedSet<string> Shape(DatabaseProvider provider)
        {
            using var db = Context(provider);
            var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model;
            var model = db.GetService<IModelRuntimeInitializer>().Initialize((IModel)snapshot, designTime: true, validationLogger: null);
            var shape = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var entity in model.GetEntityTypes())
            {
                var table = entity.GetTableName();
                foreach (var p in entity.GetProperties())
                    shape.Add(
                        $"{table}.{p.GetColumnName()} {Nullable.GetUnderlyingType(p.ClrType)?.Name ?? p.ClrType.Name} "
                            + $"null={p.IsNullable} max={p.GetMaxLength()} token={p.IsConcurrencyToken}"
                    );
                shape.Add($"{table} pk({string.Join(",", entity.FindPrimaryKey()!.Properties.Select(p => p.Name))})");
                foreach (var i in entity.GetIndexes())
                    shape.Add($"{table} index({string.Join(",", i.Properties.Select(p => p.Name))}) unique={i.IsUnique}");
                foreach (var fk in entity.GetForeignKeys())
                    shape.Add(
                        $"{table} fk({string.Join(",", fk.Properties.Select(p => p.Name))})->{fk.PrincipalEntityType.GetTableName()} "
                            + $"{fk.DeleteBehavior}"
                    );
            }
            return shape;
        }
        var sqlite = Shape(DatabaseProvider.Sqlite);
        var postgres = Shape(DatabaseProvider.Postgres);
        Assert.True(
            sqlite.SetEquals(postgres),
            "Only in SQLite:\n"
                + string.Join("\n", sqlite.Except(postgres))
                + "\nOnly in PostgreSQL:\n"
                + string.Join("\n", postgres.Except(sqlite))
        );
        Assert.Contains(sqlite, s => s.StartsWith("AuditEntries.", StringComparison.Ordinal));
    }
}
