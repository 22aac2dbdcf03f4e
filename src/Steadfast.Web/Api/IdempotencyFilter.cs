using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Web.Api;

/// <summary>
/// POST with <c>Idempotency-Key</c>: the handler's writes, its rendered response and the key commit in
/// one transaction. A retry with the same key gets the stored response and creates nothing new; a
/// crash before commit leaves nothing, so the retry simply runs again.
/// </summary>
internal sealed class IdempotencyFilter(AppDbContext db, CurrentActor actor, TimeProvider clock, IStringLocalizer<Strings> t)
    : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Headers.TryGetValue(Header, out var values))
            return await next(context);
        var key = values.ToString();
        if (key.Length is 0 or > 200)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Header] = [t["Idempotency.Error.Length"]] });
        // Anonymous callers (the public QR form) share one space of keys; they are long random values.
        var userId = actor.UserId ?? Guid.Empty;
        var path = http.Request.Path.Value ?? "";
        var hash = await HashBodyAsync(http.Request);

        var existing = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key);
        if (existing is not null)
            return Replay(existing, path, hash);

        try
        {
            // On SQLite this joins the group commit: the key, the handler's writes and its answer commit together.
            return await db.InTransactionAsync<object?>(
                async () =>
                {
                    // Same-key requests queue here, then the loser sees the winner's record. SQLite's write
                    // transaction already serializes; PostgreSQL needs a lock on the key itself.
                    await db.LockUntilCommitAsync(KeyLock(userId, key), http.RequestAborted);
                    var existing = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key);
                    if (existing is not null)
                        return Replay(existing, path, hash);
                    var result = await next(context);
                    // Without an answer to store, nothing is kept: the handler's writes are undone with the transaction.
                    if (result is not IResult rendered)
                        throw new Undone(result);

                    var original = http.Response.Body;
                    using var buffer = new MemoryStream();
                    http.Response.Body = buffer;
                    try
                    {
                        await rendered.ExecuteAsync(http);
                    }
                    finally
                    {
                        http.Response.Body = original;
                    }
                    var body = buffer.ToArray();
                    var status = http.Response.StatusCode;
                    if (status >= 500)
                        throw new Undone(new StoredResult(status, http.Response.ContentType, null, body, replayed: false));

                    db.ChangeTracker.Clear();
                    db.IdempotencyRecords.Add(
                        new IdempotencyRecord
                        {
                            Key = key,
                            UserId = userId,
                            Method = http.Request.Method,
                            Path = path,
                            RequestHash = hash,
                            StatusCode = status,
                            ContentType = http.Response.ContentType,
                            Location = http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                            ResponseBody = body,
                            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
                        }
                    );
                    await db.SaveChangesAsync();
                    return new StoredResult(status, http.Response.ContentType, null, body, replayed: false);
                },
                default
            );
        }
        catch (Undone undone)
        {
            return undone.Result;
        }
        catch (DbUpdateException)
        {
            // The same key raced in from another request and committed first: ours is undone, theirs is the answer.
            db.ChangeTracker.Clear();
            var winner = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key);
            if (winner is null)
                throw;
            http.Response.Headers.Location = default;
            return Replay(winner, path, hash);
        }
    }

    /// <summary>Ends the transaction without keeping anything and answers with <see cref="Result"/>.</summary>
    private sealed class Undone(object? result) : Exception
    {
        public object? Result { get; } = result;
    }

    private IResult Replay(IdempotencyRecord r, string path, string hash)
    {
        if (!string.Equals(r.Path, path, StringComparison.Ordinal) || r.RequestHash != hash)
            return TypedResults.Problem(
                title: t["Idempotency.Error.Reused"],
                statusCode: StatusCodes.Status422UnprocessableEntity,
                detail: t["Idempotency.Error.ReusedDetail"]
            );
        return new StoredResult(r.StatusCode ?? 200, r.ContentType, r.Location, r.ResponseBody ?? [], replayed: true);
    }

    private static async Task<string> HashBodyAsync(HttpRequest request)
    {
        if (!request.Body.CanSeek)
            return "";
        request.Body.Position = 0;
        var hash = await SHA256.HashDataAsync(request.Body);
        request.Body.Position = 0;
        return Convert.ToHexString(hash);
    }

    private static long KeyLock(Guid userId, string key) =>
        BitConverter.ToInt64(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{userId}:{key}")), 0);

    private sealed class StoredResult(int status, string? contentType, string? location, byte[] body, bool replayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            if (contentType is not null)
                http.Response.ContentType = contentType;
            if (location is not null)
                http.Response.Headers.Location = location;
            if (replayed)
                http.Response.Headers["Idempotent-Replayed"] = "true";
            await http.Response.Body.WriteAsync(body);
        }
    }
}
