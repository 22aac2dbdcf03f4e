using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Steadfast.Platform.Data;

// SQLite keeps no kind and PostgreSQL's timestamptz insists on UTC: every DateTime is UTC in and out.
internal sealed class UtcDateTimeConverter()
    : ValueConverter<DateTime, DateTime>(
        v =>
            v.Kind == DateTimeKind.Utc ? v
            : v.Kind == DateTimeKind.Local ? v.ToUniversalTime()
            : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc)
    );
