using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Sales.Contracts;

namespace Steadfast.Sales.Receivables;

/// <summary>A checked instalment as entered, before it is stored.</summary>
internal sealed record PlannedInstalment(string Name, DueFrom DueFrom, int OffsetDays, DateOnly? FixedOn, long Amount);

/// <summary>The rules of a payment plan, without a database: what adds up, and when each payment falls due.</summary>
internal static class PaymentPlan
{
    public const int MaxInstalments = 60;

    /// <summary>
    /// Each instalment checked (errors keyed <c>instalments[i].field</c>), and the plan as a whole: it must add up to the
    /// contract's amount to the fen. An empty plan is allowed (a framework agreement is paid through its orders).
    /// </summary>
    public static List<PlannedInstalment> Check(
        IReadOnlyList<SaveInstalment>? input,
        long amount,
        ValidationErrors errors,
        IStringLocalizer t
    )
    {
        var result = new List<PlannedInstalment>();
        if (input is null || input.Count == 0)
            return result;
        if (input.Count > MaxInstalments)
        {
            errors.Add("instalments", t["Common.Error.MaxLength", MaxInstalments]);
            return result;
        }
        for (var i = 0; i < input.Count; i++)
        {
            var s = input[i];
            if (s is null)
            {
                errors.Add($"instalments[{i}]", t["Common.Error.Required"]);
                continue;
            }
            var name = s.Name?.Trim() ?? "";
            if (name.Length is 0 or > 100)
                errors.Add($"instalments[{i}].name", t["Contracts.Error.InstalmentName"]);
            var from = s.DueFrom ?? DueFrom.Fixed;
            if (!Enum.IsDefined(from))
                errors.Add($"instalments[{i}].dueFrom", t["Common.Error.Choice"]);
            if (from == DueFrom.Fixed && s.FixedOn is null)
                errors.Add($"instalments[{i}].fixedOn", t["Common.Error.Required"]);
            if (s.OffsetDays is < 0 or > 3660)
                errors.Add($"instalments[{i}].offsetDays", t["Common.Error.Range", 0, 3660]);
            if (s.Amount is not { } a || a <= 0)
                errors.Add($"instalments[{i}].amount", t["Contracts.Error.InstalmentAmount"]);
            else
                result.Add(new PlannedInstalment(name, from, s.OffsetDays ?? 0, from == DueFrom.Fixed ? s.FixedOn : null, a));
        }
        var sum = result.Sum(p => p.Amount);
        if (result.Count == input.Count && sum != amount)
            errors.Add("instalments", t["Contracts.Error.PlanTotal", Platform.Ui.Money.Amount(sum), Platform.Ui.Money.Amount(amount)]);
        return result;
    }

    /// <summary>The due date once its milestone is known; null while it is not.</summary>
    public static DateOnly? DueOn(
        DueFrom from,
        int offsetDays,
        DateOnly? fixedOn,
        DateOnly? signedOn,
        DateOnly? deliveredOn,
        DateOnly? acceptedOn
    ) =>
        from switch
        {
            DueFrom.Fixed => fixedOn,
            DueFrom.Signing => signedOn?.AddDays(offsetDays),
            DueFrom.Delivery => deliveredOn?.AddDays(offsetDays),
            DueFrom.Acceptance => acceptedOn?.AddDays(offsetDays),
            _ => null,
        };

    /// <summary>Days past due on <paramref name="today"/> (0 when not yet due, or not dated).</summary>
    public static int DaysOverdue(DateOnly? dueOn, DateOnly today) => dueOn is { } d && d < today ? today.DayNumber - d.DayNumber : 0;
}
