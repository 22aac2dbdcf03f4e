using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Identity;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;

namespace Steadfast.Web.Settings;

/// <summary>Admin settings over the API: users, teams, company profile and calendar, custom fields, audit log.</summary>
public static class SettingsEndpoints
{
    public static IServiceCollection AddSettingsFeatures(this IServiceCollection services) =>
        services.AddScoped<UserAdmin>().AddScoped<TeamService>().AddScoped<CompanyService>().AddScoped<AuditService>();

    public static void MapSettingsEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").RequirePolicy(Policies.Admin).WithTags("Users");
        users.MapGet("", ListUsers).WithName("ListUsers").WithSummary("Users, filtered and paged; cf.<key>=value filters by custom field.");
        users
            .MapGet("/{id:guid}", (Guid id, UserAdmin s, CancellationToken ct) => s.GetAsync(id, ct))
            .WithName("GetUser")
            .WithSummary("Get a user");
        users
            .MapGet(
                "/export",
                async (string? q, string? role, bool? active, UserAdmin s, IStringLocalizer<Strings> t, CancellationToken ct) =>
                {
                    var all = (
                        await s.ListAsync(new UserQuery(q, role, active, null, null), [], PageRequest.From(1, PageRequest.MaxPageSize), ct)
                    ).Items;
                    return ExcelExport.File(
                        all.ToAsyncEnumerable(),
                        [
                            new ExportColumn<UserDto>(t["Users.Name"], u => u.DisplayName),
                            new(t["Users.Email"], u => u.Email),
                            new(t["Users.Roles"], u => string.Join(", ", u.Roles.Select(r => t[$"Role.{r}"].Value))),
                            new(t["Users.Team"], u => u.TeamName),
                            new(t["Users.Status"], u => u.IsActive ? t["Users.Active"].Value : t["Users.Inactive"].Value),
                        ],
                        "users.xlsx"
                    );
                }
            )
            .WithName("ExportUsers")
            .WithSummary("Users as .xlsx (at most 500: the size of a manufacturer's staff).")
            .ProducesXlsx();
        users.MapPost("", CreateUser).WithName("CreateUser").WithSummary("Create a user with roles and a first password.");
        users
            .MapPut("/{id:guid}", UpdateUser)
            .WithName("UpdateUser")
            .WithSummary("Change a user (send version; isActive=false deactivates).");
        users
            .MapPost("/{id:guid}/reset-password", ResetPassword)
            .WithName("ResetUserPassword")
            .WithSummary("Set a new password, unlock, and revoke the user's tokens.");

        var teams = api.MapGroup("/teams").WithTags("Teams");
        teams
            .MapGet("", (TeamService s, CancellationToken ct) => s.ListAsync(ct))
            .RequirePolicy(Policies.Staff)
            .WithName("ListTeams")
            .WithSummary("List teams");
        teams
            .MapPost("", async (SaveTeam body, TeamService s, CancellationToken ct) =>
            {
                var team = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/teams/{team.Id}", team);
            })
            .RequirePolicy(Policies.Admin)
            .WithName("CreateTeam")
            .WithSummary("Create a team");
        teams
            .MapPut("/{id:guid}", (Guid id, SaveTeam body, HttpRequest req, TeamService s, CancellationToken ct) =>
                s.UpdateAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.Admin)
            .WithName("UpdateTeam")
            .WithSummary("Update a team");
        teams
            .MapDelete("/{id:guid}", async (Guid id, TeamService s, CancellationToken ct) =>
            {
                await s.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequirePolicy(Policies.Admin)
            .WithName("DeleteTeam")
            .WithSummary("Delete a team");

        var company = api.MapGroup("/company").WithTags("Company");
        company
            .MapGet("", (CompanyService s, CancellationToken ct) => s.GetAsync(ct))
            .RequirePolicy(Policies.Staff)
            .WithName("GetCompany")
            .WithSummary("The company profile: currency, time zone, business hours, calendar");
        company
            .MapPut("", (UpdateCompany body, HttpRequest req, CompanyService s, CancellationToken ct) =>
                s.UpdateAsync(body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.Admin)
            .WithName("UpdateCompany")
            .WithSummary("Update the company profile");
        company
            .MapGet("/calendar", (int? year, CompanyService s, TimeProvider clock, CancellationToken ct) =>
                s.DaysAsync(year ?? clock.GetUtcNow().Year, ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("ListCalendarDays")
            .WithSummary("Public holidays and 调休 working days of a year.");
        company
            .MapPost("/calendar", async (SaveCalendarDay body, CompanyService s, CancellationToken ct) =>
            {
                var day = await s.AddDayAsync(body, ct);
                return TypedResults.Created($"/api/v1/company/calendar/{day.Id}", day);
            })
            .RequirePolicy(Policies.Admin)
            .WithName("AddCalendarDay")
            .WithSummary("Add a holiday or a 调休 working day to the company calendar");
        company
            .MapDelete("/calendar/{id:guid}", async (Guid id, CompanyService s, CancellationToken ct) =>
            {
                await s.DeleteDayAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequirePolicy(Policies.Admin)
            .WithName("DeleteCalendarDay")
            .WithSummary("Remove a day from the company calendar");

        var fields = api.MapGroup("/custom-fields").WithTags("Custom fields");
        fields
            .MapGet("", (string? recordType, CustomFieldService s, CancellationToken ct) => s.ListAsync(recordType, ct))
            .RequirePolicy(Policies.Staff)
            .WithName("ListCustomFields")
            .WithSummary("List custom fields");
        fields
            .MapPost("", async (CreateCustomField body, CustomFieldService s, CancellationToken ct) =>
            {
                var field = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/custom-fields/{field.Id}", field);
            })
            .RequirePolicy(Policies.Admin)
            .WithName("CreateCustomField")
            .WithSummary("Create a custom field");
        fields
            .MapPut("/{id:guid}", (Guid id, UpdateCustomField body, HttpRequest req, CustomFieldService s, CancellationToken ct) =>
                s.UpdateAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.Admin)
            .WithName("UpdateCustomField")
            .WithSummary("Update a custom field");

        api.MapGet(
                "/audit",
                (
                    string? entity,
                    string? id,
                    Guid? userId,
                    DateTime? from,
                    DateTime? to,
                    int? page,
                    int? pageSize,
                    AuditService s,
                    CancellationToken ct
                ) => s.ListAsync(new AuditQuery(entity, id, userId, from, to), PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.Admin)
            .WithTags("Audit")
            .WithName("ListAudit")
            .WithSummary("The audit log, newest first: who changed which record when, old → new.");
    }

    private static Task<PagedResult<UserDto>> ListUsers(
        string? q,
        string? role,
        bool? active,
        Guid? teamId,
        string? sort,
        int? page,
        int? pageSize,
        HttpRequest request,
        UserAdmin s,
        CancellationToken ct
    )
    {
        // The handler reads cf.* itself: the reader refuses any other parameter it does not declare.
        var read = new QueryReader(request);
        foreach (var name in new[] { "q", "role", "active", "teamId", "sort" })
            read.Text(name);
        read.ThrowIfInvalid();
        return s.ListAsync(
            new UserQuery(q, role, active, teamId, sort),
            CustomFieldQuery.ParseFilters(request.Query.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value.ToString()))),
            PageRequest.From(page, pageSize),
            ct
        );
    }

    private static async Task<Created<UserDto>> CreateUser(CreateUser body, UserAdmin s, CancellationToken ct)
    {
        var user = await s.CreateAsync(body, ct);
        return TypedResults.Created($"/api/v1/users/{user.Id}", user);
    }

    private static Task<UserDto> UpdateUser(Guid id, UpdateUser body, HttpRequest req, UserAdmin s, CancellationToken ct) =>
        s.UpdateAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct);

    private static async Task<NoContent> ResetPassword(Guid id, ResetPassword body, UserAdmin s, CancellationToken ct)
    {
        await s.ResetPasswordAsync(id, body.Password, ct);
        return TypedResults.NoContent();
    }
}
