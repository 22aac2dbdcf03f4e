using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Steadfast.Platform.Api;
using Steadfast.Platform.Localization;

namespace Steadfast.Platform.Ui;

/// <summary>What every page and dialog needs: the string table, use cases, and errors turned into messages.</summary>
public abstract class AppComponentBase : ComponentBase
{
    [Inject]
    protected IStringLocalizer<Strings> T { get; set; } = default!;

    [Inject]
    protected PageServices Services { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    protected FormErrors Errors { get; } = new();

    /// <summary>Runs a change; bad input fills <see cref="Errors"/>, conflicts show a message. True when it succeeded.</summary>
    protected async Task<bool> TryAsync(Func<Task> action, string? success = null)
    {
        Errors.Clear();
        try
        {
            await action();
            if (success is not null)
                Snackbar.Add(success, Severity.Success);
            return true;
        }
        catch (AppValidationException ex)
        {
            Errors.Set(ex.Errors.ToDictionary());
            Snackbar.Add(T["Form.FixErrors"], Severity.Warning);
        }
        catch (AppConflictException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        catch (DbUpdateConcurrencyException)
        {
            Snackbar.Add(T["Problem.StaleVersion"], Severity.Warning);
        }
        catch (AppNotFoundException)
        {
            Snackbar.Add(T["Common.NotFound"], Severity.Warning);
        }
        return false;
    }
}

public sealed class FormErrors
{
    public IDictionary<string, string[]> All { get; private set; } = new Dictionary<string, string[]>();

    public bool Has(string field) => All.ContainsKey(field);

    public string? Text(string field) => All.TryGetValue(field, out var v) ? string.Join(" ", v) : null;

    public void Set(IDictionary<string, string[]> errors) => All = errors;

    public void Clear() => All = new Dictionary<string, string[]>();
}
