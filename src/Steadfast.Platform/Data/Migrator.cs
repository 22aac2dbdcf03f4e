using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Steadfast.Platform.Data;

/// <summary>Applies pending migrations; on SQLite the file is copied aside first so a failed upgrade can be undone.</summary>
public sealed class Migrator(AppDbContext db, DatabaseSettings settings, TimeProvider clock, ILogger<Migrator> log)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
            return pending;
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
            if (File.Exists(file) && new FileInfo(file).Length > 0 && (await db.Database.GetAppliedMigrationsAsync(ct)).Any())
            {
                var backup = $"{file}.{clock.GetUtcNow():yyyyMMddHHmmss}.before-migrate.bak";
                await Backup.SqliteOnlineBackupAsync(settings.ConnectionString, backup, ct);
                log.LogInformation("Backed up {File} to {Backup} before migrating", file, backup);
            }
        }
        log.LogInformation("Applying migrations: {Migrations}", string.Join(", ", pending));
        await db.Database.MigrateAsync(ct);
        return pending;
    }
}

public static class Backup
{
    /// <summary>SQLite's online backup: a consistent copy while the app keeps writing.</summary>
    public static async Task SqliteOnlineBackupAsync(string connectionString, string targetFile, CancellationToken ct)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(targetFile));
        if (!string.IsNullOrEmpty(dir))
            Directory.CreateDirectory(dir);
        if (File.Exists(targetFile))
            File.Delete(targetFile);
        await using var source = new SqliteConnection(connectionString);
        await source.OpenAsync(ct);
        await using var target = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = targetFile, Pooling = false }.ToString()
        );
        await target.OpenAsync(ct);
        source.BackupDatabase(target);
    }
}
