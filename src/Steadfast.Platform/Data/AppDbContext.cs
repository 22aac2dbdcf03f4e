using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Company;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Outbox;

namespace Steadfast.Platform.Data;

/// <summary>The one data layer of the app. Modules add their entities through <see cref="ModelCatalog"/>.</summary>
public class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options),
        IDataProtectionKeyContext
{
    /// <summary>
    /// The services of the scope that rented this context from the pool. Pooled contexts share one
    /// options object, so the save interceptor in it cannot hold the request's actor; it asks these.
    /// </summary>
    internal IServiceProvider? RequestServices { get; set; }

    // Going back to the pool: whoever rents this context next must not save as this scope's actor.
    public override void Dispose()
    {
        RequestServices = null;
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        RequestServices = null;
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<DueItem> DueItems => Set<DueItem>();
    public DbSet<CustomFieldDefinition> CustomFieldDefinitions => Set<CustomFieldDefinition>();
    public DbSet<CustomFieldIndexEntry> CustomFieldIndex => Set<CustomFieldIndexEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<CompanyProfile> CompanyProfiles => Set<CompanyProfile>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    /// <summary>The one company profile row, by its id: reads of it are exact, not "the first of the table".</summary>
    public IQueryable<CompanyProfile> Company => CompanyProfiles.Where(c => c.Id == CompanyProfile.SingletonId);
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<ImportExport.ImportJob> ImportJobs => Set<ImportExport.ImportJob>();

    // Kept: asking EF for the provider resolves a service each time, and every create asks. A pooled
    // context keeps its options, so its provider never changes.
    private bool? isSqlite;
    public bool IsSqlite => isSqlite ??= Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var assembly in ModelCatalog.Parts.Assemblies)
            builder.ApplyConfigurationsFromAssembly(assembly);

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            // Tables are plural, as the DbSet-named ones are: Customer → Customers, Activity → Activities.
            // A name given with ToTable is kept as written (MailSettings is already plural).
            var named =
                ((Microsoft.EntityFrameworkCore.Metadata.IConventionEntityType)entity).GetTableNameConfigurationSource()
                == Microsoft.EntityFrameworkCore.Metadata.ConfigurationSource.Explicit;
            if (!named && entity.GetTableName() is { } table && table == entity.ClrType.Name && !entity.IsOwned())
                entity.SetTableName(table.EndsWith('y') ? table[..^1] + "ies" : table + "s");
            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
                builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
        // Identity's own optimistic token is kept; our Version is the one the API speaks.
        builder.Entity<IdentityUserRole<Guid>>().ToTable("AspNetUserRoles");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<CustomFieldValues>().HaveConversion<CustomFieldValuesConverter, CustomFieldValuesComparer>();
        // SQLite can neither compare nor sort decimal; money is long minor units, other decimals are rare.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }
}
