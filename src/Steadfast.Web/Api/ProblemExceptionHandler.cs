using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Localization;

namespace Steadfast.Web.Api;

/// <summary>Turns the exceptions use cases throw into RFC 9457 problem details; never a stack trace to the client.</summary>
internal sealed class ProblemExceptionHandler(
    IProblemDetailsService problems,
    IStringLocalizer<Strings> t,
    ILogger<ProblemExceptionHandler> log
) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        ProblemDetails problem = exception switch
        {
            AppValidationException v => new ValidationProblemDetails(v.Errors.ToDictionary())
            {
                Status = 400,
                Title = t["Problem.Validation"],
            },
            AppNotFoundException nf => new ProblemDetails
            {
                Status = 404,
                Title = t["Problem.NotFound"],
                Detail = nf.Message,
            },
            AppConflictException c => Conflict(c),
            AppForbiddenException f => new ProblemDetails
            {
                Status = 403,
                Title = t["Problem.Forbidden"],
                Detail = f.Message,
            },
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = 409,
                Title = t["Problem.Conflict"],
                Detail = t["Problem.StaleVersion"],
            },
            _ when TooLarge(exception) => new ProblemDetails { Status = 413, Title = t["Problem.TooLarge"] },
            BadHttpRequestException { InnerException: JsonException json } => JsonProblem(json),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == 413 ? t["Problem.TooLarge"] : t["Problem.BadRequest"],
                Detail = bad.Message,
            },
            _ => new ProblemDetails { Status = 500, Title = t["Problem.Server"] },
        };
        if (problem.Status == 500)
            log.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(
            new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = problem,
                Exception = exception,
            }
        );
    }

    private ProblemDetails Conflict(AppConflictException c)
    {
        var problem = new ProblemDetails
        {
            Status = 409,
            Title = t["Problem.Conflict"],
            Detail = c.Message,
        };
        foreach (var (key, value) in c.Facts)
            problem.Extensions[key] = value;
        return problem;
    }

    private static bool TooLarge(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
                return true;
        return false;
    }

    private ValidationProblemDetails JsonProblem(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        // System.Text.Json names the offending member in the message for unknown properties.
        var message =
            json.Message.Contains("could not be mapped", StringComparison.Ordinal) ? t["Problem.UnknownField"]
            : json.Message.StartsWith(TextOnlyStringConverter.Marker, StringComparison.Ordinal) ? t["Problem.NulCharacter"]
            : t["Problem.BadJson"];
        var unknown = System.Text.RegularExpressions.Regex.Match(json.Message, "member '([^']+)'");
        if (unknown.Success)
            path = unknown.Groups[1].Value;
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [path] = [message.Value] })
        {
            Status = 400,
            Title = t["Problem.Validation"],
        };
    }
}
