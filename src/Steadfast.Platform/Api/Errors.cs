namespace Steadfast.Platform.Api;

/// <summary>Field errors collected by a use case; the API answers them as a 400 problem keyed by field.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public void ThrowIfAny()
    {
        if (Any)
            throw new AppValidationException(this);
    }
}

/// <summary>Bad input: nothing was written. Mapped to 400 with the field errors.</summary>
public sealed class AppValidationException(ValidationErrors errors) : Exception("Validation failed")
{
    public ValidationErrors Errors { get; } = errors;

    public static AppValidationException For(string field, string message)
    {
        var e = new ValidationErrors();
        e.Add(field, message);
        return new AppValidationException(e);
    }
}

/// <summary>
/// A state conflict (stale version, duplicate, forbidden transition). Mapped to 409; <see cref="Facts"/> become problem extensions (e.g.
/// the quantity available).
/// </summary>
public sealed class AppConflictException(string message, IReadOnlyDictionary<string, object?>? facts = null) : Exception(message)
{
    public IReadOnlyDictionary<string, object?> Facts { get; } = facts ?? new Dictionary<string, object?>();
}

/// <summary>The record does not exist or the caller may not see it: both are 404, so ids reveal nothing.</summary>
public sealed class AppNotFoundException(string message) : Exception(message);

/// <summary>The caller sees the record but this action on it is someone else's (a stage owned by another person). Mapped to 403.</summary>
public sealed class AppForbiddenException(string message) : Exception(message);
