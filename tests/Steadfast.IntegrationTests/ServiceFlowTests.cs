using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform.Company;
using Steadfast.Platform.Jobs;
using Steadfast.Service.Sla;
using Steadfast.Service.WorkOrders;

namespace Steadfast.IntegrationTests;

/// <summary>
/// The service work order beyond its lifecycle: SLA deadlines, warnings and escalation driven by the
/// fake clock and the due-item queue; dispatch ranking and the pool; the engineer on site; survey,
/// call-back and the dashboard's figures.
/// </summary>
public abstract class ServiceFlowTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    internal const string Png1x1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private Task<int> DrainAsync() => app.Services.GetRequiredService<QueueTicker>().DrainAsync(default);

    private async Task<(HttpClient Client, Guid Id)> UserAsync(string role)
    {
        var user = await app.CreateAsync(role);
        return (await app.ClientForAsync(user.GetProperty("email").GetString()!), user.GetProperty("id").GetGuid());
    }

    /// <summary>The policies every test here relies on, created once per database.</summary>
    private async Task PoliciesAsync()
    {
        using var admin = await app.AdminAsync();
        var list = await (await admin.GetAsync("/api/v1/sla-policies")).ExpectAsync(HttpStatusCode.OK);
        if (list.GetArrayLength() > 0)
            return;
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/sla-policies",
                new
                {
                    name = "停机",
                    severity = "stoppedProduction",
                    clock = "calendarHours",
                    firstResponseMinutes = 30,
                    arrivalMinutes = 240,
                    resolutionMinutes = 480,
                    secondEscalationMinutes = 60,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/sla-policies",
                new
                {
                    name = "性能下降",
                    severity = "degraded",
                    clock = "businessHours",
                    firstResponseMinutes = 120,
                    arrivalMinutes = 540,
                    resolutionMinutes = 1620,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
    }

    private async Task<JsonElement> OrderAsync(
        string severity = "degraded",
        string province = "江苏",
        string category = "注塑机",
        object? machineExtra = null,
        string type = "repair"
    )
    {
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync(extra: new { province });
        var code = $"P-{Guid.NewGuid():N}"[..14];
        var product = await (
            await admin.PostAsJsonAsync(
                "/api/v1/products",
                new
                {
                    code,
                    name = "机型 " + code,
                    category,
                    warrantyMonths = 12,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var machine = await admin.MachineAsync(customer, product, machineExtra);
        return await (
            await admin.PostAsJsonAsync(
                "/api/v1/work-orders",
                new
                {
                    customerId = customer.GetProperty("id").GetGuid(),
                    machineId = machine.GetProperty("id").GetGuid(),
                    contactName = "王主任",
                    contactPhone = "13800000000",
                    contactEmail = "wang@customer.test",
                    faultDescription = "主轴异响",
                    category = "主轴",
                    severity,
                    type,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> Move(HttpClient c, JsonElement order, object body) =>
        c.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/transitions", body);

    private static async Task<JsonElement> GetAsync(HttpClient c, JsonElement order) =>
        await (await c.GetAsync($"/api/v1/work-orders/{order.Id()}")).ExpectAsync(HttpStatusCode.OK);

    /// <summary>The order's one pending SLA item, read as its plan.</summary>
    private async Task<SlaPlan> PlanAsync(JsonElement order)
    {
        var subject = SlaPlan.Subject(order.GetProperty("id").GetGuid());
        var pending = await app.DbAsync(db =>
            db.DueItems.AsNoTracking()
                .Where(d => d.SubjectId == subject && d.ProcessedAtUtc == null && d.CancelledAtUtc == null)
                .ToListAsync()
        );
        return SlaPlan.Read(Assert.Single(pending));
    }

    private static async Task<List<JsonElement>> NotificationsAsync(HttpClient c) =>
        [
            .. (await (await c.GetAsync("/api/v1/notifications?pageSize=100")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("items")
                .EnumerateArray(),
        ];

    [Fact]
    public async Task Sla_policies_are_validated_and_put_business_hour_deadlines_on_new_orders()
    {
        using var manager = (await UserAsync("ServiceManager")).Client;
        Assert.Contains(
            "severity",
            (
                await (await manager.PostAsJsonAsync("/api/v1/sla-policies", new { severity = "apocalypse" })).ExpectAsync(
                    HttpStatusCode.BadRequest
                )
            ).ErrorFields()
        );
        var bad = await (
            await manager.PostAsJsonAsync("/api/v1/sla-policies", new { firstResponseMinutes = 0, warnAtPercent = 100 })
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Superset(
            new HashSet<string> { "name", "severity", "firstResponseMinutes", "arrivalMinutes", "resolutionMinutes", "warnAtPercent" },
            bad.ErrorFields().ToHashSet()
        );
        var backwards = await (
            await manager.PostAsJsonAsync(
                "/api/v1/sla-policies",
                new
                {
                    name = "x",
                    severity = "question",
                    firstResponseMinutes = 60,
                    arrivalMinutes = 30,
                    resolutionMinutes = 90,
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["arrivalMinutes"], backwards.ErrorFields());
        using var dispatcher = (await UserAsync("Dispatcher")).Client;
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PostAsJsonAsync("/api/v1/sla-policies", new { name = "x" })).StatusCode);

        await PoliciesAsync();
        var order = await OrderAsync("degraded");
        var calendar = await app.DbAsync(db => BusinessCalendar.LoadAsync(db, default));
        var reported = order.GetProperty("reportedAt").GetDateTime();
        Assert.Equal(
            SlaMath.Due(calendar, SlaClock.BusinessHours, reported, TimeSpan.FromHours(2)),
            order.GetProperty("firstResponseDue").GetDateTime()
        );
        Assert.Equal(
            SlaMath.Due(calendar, SlaClock.BusinessHours, reported, TimeSpan.FromHours(27)),
            order.GetProperty("resolutionDue").GetDateTime()
        );
        var clocks = await (await dispatcher.GetAsync($"/api/v1/work-orders/{order.Id()}/sla")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            ["firstResponse", "arrival", "resolution"],
            clocks.EnumerateArray().Select(c => c.GetProperty("target").GetString()!).ToArray()
        );
    }

    [Fact]
    public async Task Warnings_breaches_and_escalations_come_from_the_due_items_as_time_passes()
    {
        await PoliciesAsync();
        var (manager, _) = await UserAsync("ServiceManager");
        var (dispatcher, _) = await UserAsync("Dispatcher");
        var (executive, _) = await UserAsync("Executive");
        var order = await OrderAsync("stoppedProduction");
        var number = order.GetProperty("number").GetString()!;
        Assert.Equal(order.GetProperty("reportedAt").GetDateTime().AddMinutes(30), order.GetProperty("firstResponseDue").GetDateTime());
        // One pending item for the order, with one step per target; working it plans the next steps.
        var plan = await PlanAsync(order);
        Assert.Equal(
            [SlaTarget.FirstResponse, SlaTarget.Arrival, SlaTarget.Resolution],
            plan.Steps.Select(s => s.Target).Order().ToArray()
        );
        Assert.All(plan.Steps, s => Assert.Equal(SlaStepKind.Warn, s.Step));

        app.Clock.Advance(TimeSpan.FromMinutes(25));
        await DrainAsync();
        Assert.Contains(await NotificationsAsync(dispatcher), n =>
            n.GetProperty("kind").GetString() == "SlaWarning"
            && n.GetProperty("title").GetString()!.Contains(number, StringComparison.Ordinal)
        );
        Assert.Null((await GetAsync(manager, order)).GetProperty("firstResponseBreached").GetString());

        Assert.DoesNotContain((await PlanAsync(order)).Steps, s => s is { Target: SlaTarget.FirstResponse, Step: SlaStepKind.Warn });
        Assert.Contains((await PlanAsync(order)).Steps, s => s is { Target: SlaTarget.FirstResponse, Step: SlaStepKind.Breach });

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await DrainAsync();
        var breached = await GetAsync(manager, order);
        Assert.True(breached.GetProperty("firstResponseBreached").GetBoolean());
        Assert.Equal(1, breached.GetProperty("escalationLevel").GetInt32());
        Assert.Contains(await NotificationsAsync(manager), n =>
            n.GetProperty("kind").GetString() == "Escalated"
            && n.GetProperty("title").GetString()!.Contains(number, StringComparison.Ordinal)
        );
        Assert.Equal(
            1,
            await app.DbAsync(db =>
                db.Set<Steadfast.Service.Sla.SlaBreach>().CountAsync(b => b.WorkOrderId == order.GetProperty("id").GetGuid())
            )
        );
        var events = await (await manager.GetAsync($"/api/v1/work-orders/{order.Id()}/events")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(events.EnumerateArray(), e =>
            e.GetProperty("note").GetString()!.Contains("escalated", StringComparison.OrdinalIgnoreCase)
        );

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await DrainAsync();
        Assert.Equal(2, (await GetAsync(manager, order)).GetProperty("escalationLevel").GetInt32());
        Assert.Contains(await NotificationsAsync(executive), n => n.GetProperty("kind").GetString() == "Escalated");

        // Draining again sends nothing twice.
        var before = (await NotificationsAsync(executive)).Count;
        await DrainAsync();
        Assert.Equal(before, (await NotificationsAsync(executive)).Count);
        var list = await (await manager.GetAsync("/api/v1/work-orders?sla=Breached&pageSize=500")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), w => w.Id() == order.Id());
    }

    [Fact]
    public async Task Waiting_for_parts_pauses_the_resolution_clock_and_resuming_moves_the_deadline()
    {
        await PoliciesAsync();
        var order = await OrderAsync("degraded");
        var engineerUser = await app.CreateAsync("Engineer");
        var engineerId = engineerUser.GetProperty("id").GetGuid();
        var engineer = await app.ClientForAsync(engineerUser.GetProperty("email").GetString()!);
        using var admin = await app.AdminAsync();
        await (await Move(admin, order, new { to = "assigned", assigneeId = engineerId })).ExpectAsync(HttpStatusCode.OK);
        foreach (var to in new[] { "accepted", "enRoute", "onSite" })
            await (await Move(engineer, order, new { to })).ExpectAsync(HttpStatusCode.OK);
        await (await Move(engineer, order, new { to = "waitingForParts" })).ExpectAsync(HttpStatusCode.BadRequest);
        // A ticker holds the order's item while the clock pauses: the move leaves it to that ticker, untouched.
        var subject = SlaPlan.Subject(order.GetProperty("id").GetGuid());
        var lease = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(5);
        Task<int> Lock(DateTime? until) =>
            app.DbAsync(db =>
                db.DueItems.Where(d => d.SubjectId == subject && d.ProcessedAtUtc == null && d.CancelledAtUtc == null)
                    .ExecuteUpdateAsync(x =>
                        x.SetProperty(d => d.LockedUntilUtc, until).SetProperty(d => d.LockedBy, until == null ? null : "other-node")
                    )
            );
        Assert.Equal(1, await Lock(lease));
        var paused = await (await Move(engineer, order, new { to = "waitingForParts", reason = "缺主轴轴承" })).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Contains((await PlanAsync(order)).Steps, s => s.Target == SlaTarget.Resolution);
        // Once free, the next move takes it over: the paused clock has no step pending, the others keep theirs.
        Assert.Equal(1, await Lock(null));
        await (await Move(engineer, order, new { to = "onSite" })).ExpectAsync(HttpStatusCode.OK);
        paused = await (await Move(engineer, order, new { to = "waitingForParts", reason = "缺主轴轴承" })).ExpectAsync(HttpStatusCode.OK);
        var dueBefore = paused.GetProperty("resolutionDue").GetDateTime();
        var pausedAt = paused.GetProperty("slaPausedAt").GetDateTime();
        Assert.DoesNotContain((await PlanAsync(order)).Steps, s => s.Target == SlaTarget.Resolution);

        app.Clock.Advance(TimeSpan.FromHours(30));
        // Sign in again: a day and more has passed for the session token too.
        engineer.Dispose();
        engineer = await app.ClientForAsync(engineerUser.GetProperty("email").GetString()!);
        var resumed = await (await Move(engineer, order, new { to = "onSite" })).ExpectAsync(HttpStatusCode.OK);
        var calendar = await app.DbAsync(db => BusinessCalendar.LoadAsync(db, default));
        Assert.Equal(
            SlaMath.Resume(calendar, SlaClock.BusinessHours, dueBefore, pausedAt, pausedAt.AddHours(30)),
            resumed.GetProperty("resolutionDue").GetDateTime()
        );
        Assert.True(resumed.GetProperty("resolutionDue").GetDateTime() > dueBefore);
        Assert.Equal(JsonValueKind.Null, resumed.GetProperty("slaPausedAt").ValueKind);
        var resolution = Assert.Single((await PlanAsync(order)).Steps, s => s.Target == SlaTarget.Resolution);
        Assert.Equal(resumed.GetProperty("resolutionDue").GetDateTime(), resolution.Due, TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, resumed.GetProperty("visitCount").GetInt32()); // on site, back after the first pause, and again now
    }

    [Fact]
    public async Task Dispatch_ranks_by_region_skill_and_load_and_auto_assigns_the_best()
    {
        var province = $"测{Guid.NewGuid():N}"[..8];
        var category = $"数控{Guid.NewGuid():N}"[..8];
        var (manager, _) = await UserAsync("ServiceManager");
        var (skilled, skilledId) = await UserAsync("Engineer");
        var (_, localId) = await UserAsync("Engineer");
        var (_, farId) = await UserAsync("Engineer");
        await (
            await manager.PutAsJsonAsync(
                $"/api/v1/engineers/{skilledId}",
                new
                {
                    regions = new[] { province },
                    skills = new[] { category },
                    hourlyRate = 20000,
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        await (
            await manager.PutAsJsonAsync(
                $"/api/v1/engineers/{localId}",
                new { regions = new[] { province }, skills = Array.Empty<string>() }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        await (
            await manager.PutAsJsonAsync($"/api/v1/engineers/{farId}", new { regions = new[] { "西藏" }, skills = new[] { category } })
        ).ExpectAsync(HttpStatusCode.OK);
        var bad = await (await manager.PutAsJsonAsync($"/api/v1/engineers/{skilledId}", new { hourlyRate = -1 })).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        Assert.Equal(["hourlyRate"], bad.ErrorFields());

        var order = await OrderAsync(province: province, category: category);
        using var dispatcher = (await UserAsync("Dispatcher")).Client;
        var ranked = (
            await (await dispatcher.GetAsync($"/api/v1/dispatch/suggestions?workOrderId={order.Id()}")).ExpectAsync(HttpStatusCode.OK)
        )
            .EnumerateArray()
            .ToList();
        Assert.Equal(skilledId, ranked[0].GetProperty("userId").GetGuid());
        Assert.Equal(localId, ranked[1].GetProperty("userId").GetGuid());
        Assert.All(ranked[0].GetProperty("reasons").EnumerateArray(), r =>
            Assert.False(string.IsNullOrEmpty(r.GetProperty("text").GetString()))
        );
        Assert.Contains(
            "workOrderId",
            (await (await dispatcher.GetAsync("/api/v1/dispatch/suggestions")).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields()
        );

        var assigned = await (await dispatcher.PostAsync($"/api/v1/work-orders/{order.Id()}/auto-assign", null)).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(skilledId, assigned.GetProperty("assigneeId").GetGuid());
        Assert.Contains(await NotificationsAsync(skilled), n => n.GetProperty("kind").GetString() == "Assigned");

        // Manual assignment with helpers; a customer user never sees the suggestions.
        var helped = await (
            await dispatcher.PostAsJsonAsync(
                $"/api/v1/work-orders/{order.Id()}/assignments",
                new { assigneeId = localId, helperIds = new[] { skilledId } }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([skilledId], helped.GetProperty("helperIds").EnumerateArray().Select(h => h.GetGuid()).ToArray());
        var notEngineer = await (
            await dispatcher.PostAsJsonAsync(
                $"/api/v1/work-orders/{order.Id()}/assignments",
                new { assigneeId = localId, helperIds = new[] { Guid.NewGuid() } }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["helperIds"], notEngineer.ErrorFields());
    }

    [Fact]
    public async Task The_pool_lets_exactly_one_engineer_of_the_region_take_an_order()
    {
        var province = $"池{Guid.NewGuid():N}"[..8];
        var (manager, _) = await UserAsync("ServiceManager");
        var (a, aId) = await UserAsync("Engineer");
        var (b, bId) = await UserAsync("Engineer");
        var (c, cId) = await UserAsync("Engineer");
        foreach (var id in new[] { aId, bId })
            await (await manager.PutAsJsonAsync($"/api/v1/engineers/{id}", new { regions = new[] { province } })).ExpectAsync(
                HttpStatusCode.OK
            );
        await (await manager.PutAsJsonAsync($"/api/v1/engineers/{cId}", new { regions = new[] { "海南" } })).ExpectAsync(HttpStatusCode.OK);
        var order = await OrderAsync(province: province);

        Assert.Equal(HttpStatusCode.Conflict, (await a.PostAsync($"/api/v1/dispatch/pool/{order.Id()}/grab", null)).StatusCode);
        var settings = await (await manager.GetAsync("/api/v1/service-settings")).ExpectAsync(HttpStatusCode.OK);
        await (
            await manager.PutAsJsonAsync(
                "/api/v1/service-settings",
                new { poolEnabled = true, version = settings.GetProperty("version").GetInt64() }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        try
        {
            Assert.Contains((await (await a.GetAsync("/api/v1/dispatch/pool")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray(), o =>
                o.Id() == order.Id()
            );
            Assert.DoesNotContain((await (await c.GetAsync("/api/v1/dispatch/pool")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray(), o =>
                o.Id() == order.Id()
            );
            Assert.Equal(HttpStatusCode.Conflict, (await c.PostAsync($"/api/v1/dispatch/pool/{order.Id()}/grab", null)).StatusCode);

            var results = await Task.WhenAll(
                a.PostAsync($"/api/v1/dispatch/pool/{order.Id()}/grab", null),
                b.PostAsync($"/api/v1/dispatch/pool/{order.Id()}/grab", null)
            );
            var bodies = await Task.WhenAll(results.Select(r => r.Content.ReadAsStringAsync()));
            Assert.True(results.Count(r => r.StatusCode == HttpStatusCode.OK) == 1, string.Join("\n", bodies));
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], results.Select(r => r.StatusCode).Order().ToArray());
            var winner = results[0].StatusCode == HttpStatusCode.OK ? aId : bId;
            Assert.Equal(winner, (await GetAsync(manager, order)).GetProperty("assigneeId").GetGuid());
        }
        finally
        {
            var now = await (await manager.GetAsync("/api/v1/service-settings")).ExpectAsync(HttpStatusCode.OK);
            await (
                await manager.PutAsJsonAsync(
                    "/api/v1/service-settings",
                    new { poolEnabled = false, version = now.GetProperty("version").GetInt64() }
                )
            ).ExpectAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task On_site_the_engineer_checks_in_photographs_is_signed_off_and_the_customer_answers_once()
    {
        var order = await OrderAsync(machineExtra: new { latitude = 31.2304, longitude = 121.4737 });
        var (manager, _) = await UserAsync("ServiceManager");
        var (engineer, engineerId) = await UserAsync("Engineer");
        var (other, _) = await UserAsync("Engineer");
        await (await manager.PutAsJsonAsync($"/api/v1/engineers/{engineerId}", new { hourlyRate = 20000 })).ExpectAsync(HttpStatusCode.OK);
        var (dispatcher, _) = await UserAsync("Dispatcher");
        await (await Move(dispatcher, order, new { to = "assigned", assigneeId = engineerId })).ExpectAsync(HttpStatusCode.OK);
        foreach (var to in new[] { "accepted", "enRoute" })
            await (await Move(engineer, order, new { to })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await other.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/check-ins", new { latitude = 31.2304, longitude = 121.4737 })
            ).StatusCode
        );
        Assert.Contains(
            "longitude",
            (
                await (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/check-ins", new { latitude = 31.2 })).ExpectAsync(
                    HttpStatusCode.BadRequest
                )
            ).ErrorFields()
        );
        Assert.Contains(
            "latitude",
            (
                await (
                    await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/check-ins", new { latitude = 123.0, longitude = 1.0 })
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        // Checked in from Beijing: allowed, recorded, flagged.
        await (
            await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/check-ins", new { latitude = 39.9042, longitude = 116.4074 })
        ).ExpectAsync(HttpStatusCode.OK);
        var visit = Assert.Single(
            (
                await (await dispatcher.GetAsync($"/api/v1/work-orders/{order.Id()}/check-ins")).ExpectAsync(HttpStatusCode.OK)
            ).EnumerateArray()
        );
        Assert.True(visit.GetProperty("flagged").GetBoolean());
        Assert.InRange(visit.GetProperty("distance").GetDouble(), 1_000_000, 1_100_000);

        using (
            var text = new MultipartFormDataContent
            {
                { new ByteArrayContent("not an image"u8.ToArray()), "file", "a.txt" },
                { new StringContent("PhotoBefore"), "kind" },
            }
        )
            Assert.Contains(
                "file",
                (
                    await (await engineer.PostAsync($"/api/v1/work-orders/{order.Id()}/photos", text)).ExpectAsync(
                        HttpStatusCode.BadRequest
                    )
                ).ErrorFields()
            );
        using (
            var png = new MultipartFormDataContent
            {
                { new ByteArrayContent(Convert.FromBase64String(Png1x1)), "file", "before.png" },
                { new StringContent("PhotoBefore"), "kind" },
            }
        )
            await (await engineer.PostAsync($"/api/v1/work-orders/{order.Id()}/photos", png)).ExpectAsync(HttpStatusCode.Created);
        using (
            var png = new MultipartFormDataContent
            {
                { new ByteArrayContent(Convert.FromBase64String(Png1x1)), "file", "x.png" },
                { new StringContent("PhotoAfter"), "kind" },
            }
        )
            Assert.Equal(HttpStatusCode.Conflict, (await other.PostAsync($"/api/v1/work-orders/{order.Id()}/photos", png)).StatusCode);

        var resolved = await (
            await Move(
                engineer,
                order,
                new
                {
                    to = "resolved",
                    diagnosis = "轴承磨损",
                    rootCause = "wear",
                    actions = "更换轴承",
                    labourHours = 2,
                    partsCost = 12000,
                    travelCost = 5000,
                    partsUsed = "6205 轴承 ×2",
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(40000, resolved.GetProperty("labourCost").GetInt64());
        Assert.Equal(12000, resolved.GetProperty("partsCost").GetInt64());

        Assert.Contains(
            "image",
            (
                await (
                    await engineer.PostAsJsonAsync(
                        $"/api/v1/work-orders/{order.Id()}/signature",
                        new { signerName = "王主任", image = "data:image/png;base64,bm90IGFuIGltYWdl" }
                    )
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await other.PostAsJsonAsync(
                    $"/api/v1/work-orders/{order.Id()}/signature",
                    new { signerName = "王主任", image = "data:image/png;base64," + Png1x1 }
                )
            ).StatusCode
        );
        var signed = await (
            await engineer.PostAsJsonAsync(
                $"/api/v1/work-orders/{order.Id()}/signature",
                new { signerName = "王主任", image = "data:image/png;base64," + Png1x1 }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("王主任", signed.GetProperty("signedBy").GetString());
        await (
            await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/check-outs", new { latitude = 31.2304, longitude = 121.4737 })
        ).ExpectAsync(HttpStatusCode.OK);
        await (await Move(engineer, order, new { to = "closed" })).ExpectAsync(HttpStatusCode.OK);

        // The report by link, without an account.
        using var anon = app.CreateClient();
        var tracking = signed.GetProperty("trackingToken").GetString();
        var report = await (await anon.GetAsync($"/api/v1/public/work-orders/{tracking}/report")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(report.GetProperty("hasSignature").GetBoolean());
        Assert.Single(report.GetProperty("photos").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync($"/r/{tracking}")).StatusCode);

        // The survey: range checked, answered once.
        var token = await app.DbAsync(db =>
            db.Set<WorkOrder>().Where(w => w.Id == order.GetProperty("id").GetGuid()).Select(w => w.SurveyToken).SingleAsync()
        );
        Assert.False(
            (await (await anon.GetAsync($"/api/v1/public/surveys/{token}")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("answered")
                .GetBoolean()
        );
        Assert.Equal(
            ["csat", "nps"],
            (
                await (await anon.PostAsJsonAsync($"/api/v1/public/surveys/{token}", new { csat = 6, nps = 11 })).ExpectAsync(
                    HttpStatusCode.BadRequest
                )
            )
                .ErrorFields()
                .Order()
                .ToArray()
        );
        await (
            await anon.PostAsJsonAsync(
                $"/api/v1/public/surveys/{token}",
                new
                {
                    csat = 4,
                    nps = 9,
                    comment = "很及时",
                }
            )
        ).ExpectAsync(HttpStatusCode.NoContent);
        await (await anon.PostAsJsonAsync($"/api/v1/public/surveys/{token}", new { csat = 1, nps = 0 })).ExpectAsync(
            HttpStatusCode.Conflict
        );
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/api/v1/public/surveys/not-a-real-survey-token")).StatusCode);

        // The call-back task the SOP asks for, with the survey mail waiting in the outbox.
        var callbacks = await (await dispatcher.GetAsync("/api/v1/callbacks?pageSize=500")).ExpectAsync(HttpStatusCode.OK);
        var task = Assert.Single(callbacks.GetProperty("items").EnumerateArray(), c =>
            c.GetProperty("workOrderId").GetString() == order.Id()
        );
        Assert.Equal(
            ["note"],
            (
                await (
                    await dispatcher.PostAsJsonAsync($"/api/v1/callbacks/{task.Id()}/complete", new { outcome = "unsatisfied" })
                ).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        await (
            await dispatcher.PostAsJsonAsync(
                $"/api/v1/callbacks/{task.Id()}/complete",
                new { outcome = "satisfied", note = "设备运行正常" }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        await (await dispatcher.PostAsJsonAsync($"/api/v1/callbacks/{task.Id()}/complete", new { outcome = "satisfied" })).ExpectAsync(
            HttpStatusCode.Conflict
        );
        Assert.True(
            await app.DbAsync(db => db.OutboxMessages.AnyAsync(m => m.Type == "email.direct" && m.Payload.Contains("wang@customer.test")))
        );
    }

    [Fact]
    public async Task A_check_in_without_a_position_is_allowed_and_flagged()
    {
        var order = await OrderAsync();
        var (engineer, engineerId) = await UserAsync("Engineer");
        using var admin = await app.AdminAsync();
        await (await Move(admin, order, new { to = "assigned", assigneeId = engineerId })).ExpectAsync(HttpStatusCode.OK);
        foreach (var to in new[] { "accepted", "enRoute" })
            await (await Move(engineer, order, new { to })).ExpectAsync(HttpStatusCode.OK);
        await (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order.Id()}/check-ins", new { })).ExpectAsync(HttpStatusCode.OK);
        var visit = Assert.Single(
            (await (await admin.GetAsync($"/api/v1/work-orders/{order.Id()}/check-ins")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()
        );
        Assert.True(visit.GetProperty("flagged").GetBoolean());
        Assert.Equal(JsonValueKind.Null, visit.GetProperty("distance").ValueKind);
    }

    [Fact]
    public async Task The_dashboard_figures_come_from_the_database_for_the_period_and_region()
    {
        var province = $"板{Guid.NewGuid():N}"[..8];
        var first = await OrderAsync(province: province);
        await OrderAsync(province: province);
        var (engineer, engineerId) = await UserAsync("Engineer");
        using var admin = await app.AdminAsync();
        await (await Move(admin, first, new { to = "assigned", assigneeId = engineerId })).ExpectAsync(HttpStatusCode.OK);
        foreach (var to in new[] { "accepted", "enRoute", "onSite" })
            await (await Move(engineer, first, new { to })).ExpectAsync(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromHours(3));
        await (
            await Move(
                engineer,
                first,
                new
                {
                    to = "resolved",
                    diagnosis = "d",
                    rootCause = "wear",
                    actions = "a",
                    labourHours = 1.5,
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        await (await Move(admin, first, new { to = "closed", reason = "电话确认" })).ExpectAsync(HttpStatusCode.OK);
        var token = await app.DbAsync(db =>
            db.Set<WorkOrder>().Where(w => w.Id == first.GetProperty("id").GetGuid()).Select(w => w.SurveyToken).SingleAsync()
        );
        using var anon = app.CreateClient();
        await (await anon.PostAsJsonAsync($"/api/v1/public/surveys/{token}", new { csat = 4, nps = 10 })).ExpectAsync(
            HttpStatusCode.NoContent
        );

        var (executive, _) = await UserAsync("Executive");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var k = await (
            await executive.GetAsync(
                $"/api/v1/service/kpis?from={today.AddDays(-30):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}"
                    + $"&region={Uri.EscapeDataString(province)}"
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, k.GetProperty("reported").GetInt32());
        Assert.Equal(1, k.GetProperty("resolved").GetInt32());
        Assert.Equal(1.0, k.GetProperty("firstTimeFixRate").GetDouble());
        Assert.Equal(4.0, k.GetProperty("csatMean").GetDouble());
        Assert.Equal(100.0, k.GetProperty("nps").GetDouble());
        Assert.InRange(k.GetProperty("resolutionMinutesMedian").GetDouble(), 180, 181);
        Assert.Equal(
            1,
            k.GetProperty("backlog").GetProperty("underOneDay").GetInt32()
                + k.GetProperty("backlog").GetProperty("oneToThreeDays").GetInt32()
        );
        var top = Assert.Single(k.GetProperty("engineers").EnumerateArray());
        Assert.Equal(1, top.GetProperty("resolved").GetInt32());
        Assert.Equal(4.0, top.GetProperty("csatMean").GetDouble());
        Assert.Equal(1, k.GetProperty("surveys").GetInt32());
        // Totals and the by-day trend come from one pass: they agree.
        Assert.False(k.GetProperty("trendByMonth").GetBoolean());
        Assert.Equal(2, k.GetProperty("trend").EnumerateArray().Sum(p => p.GetProperty("reported").GetInt32()));
        Assert.Equal(1, k.GetProperty("trend").EnumerateArray().Sum(p => p.GetProperty("resolved").GetInt32()));
        Assert.InRange(
            k.GetProperty("trend")
                .EnumerateArray()
                .Single(p => p.GetProperty("resolved").GetInt32() == 1)
                .GetProperty("resolutionHoursMean")
                .GetDouble(),
            3,
            3.02
        );
        Assert.Contains(
            "to",
            (
                await (await executive.GetAsync("/api/v1/service/kpis?from=2026-05-01&to=2026-04-01")).ExpectAsync(
                    HttpStatusCode.BadRequest
                )
            ).ErrorFields()
        );
        using var engineerClient = engineer;
        Assert.Equal(HttpStatusCode.Forbidden, (await engineerClient.GetAsync("/api/v1/service/kpis")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_names_mttr_both_ways_good_ratings_per_engineer_and_the_complaints_response()
    {
        var province = $"名{Guid.NewGuid():N}"[..8];
        var repair = await OrderAsync(province: province);
        var complaint = await OrderAsync(province: province, type: "complaint");
        var (engineer, engineerId) = await UserAsync("Engineer");
        using var admin = await app.AdminAsync();
        foreach (var order in new[] { repair, complaint })
            await (await Move(admin, order, new { to = "assigned", assigneeId = engineerId })).ExpectAsync(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await (await Move(engineer, complaint, new { to = "accepted" })).ExpectAsync(HttpStatusCode.OK);
        foreach (var to in new[] { "accepted", "enRoute", "onSite" })
            await (await Move(engineer, repair, new { to })).ExpectAsync(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await (
            await Move(
                engineer,
                repair,
                new
                {
                    to = "resolved",
                    diagnosis = "d",
                    rootCause = "wear",
                    actions = "a",
                    labourHours = 1,
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await (await Move(admin, repair, new { to = "closed", reason = "电话确认" })).ExpectAsync(HttpStatusCode.OK);
        var token = await app.DbAsync(db =>
            db.Set<WorkOrder>().Where(w => w.Id == repair.GetProperty("id").GetGuid()).Select(w => w.SurveyToken).SingleAsync()
        );
        using var anon = app.CreateClient();
        await (await anon.PostAsJsonAsync($"/api/v1/public/surveys/{token}", new { csat = 5, nps = 9 })).ExpectAsync(
            HttpStatusCode.NoContent
        );

        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var k = await (
            await admin.GetAsync(
                $"/api/v1/service/kpis?from={today.AddDays(-30):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}"
                    + $"&region={Uri.EscapeDataString(province)}"
            )
        ).ExpectAsync(HttpStatusCode.OK);
        // Report → resolved is three hours, report → closed five: two figures, not one.
        Assert.InRange(k.GetProperty("resolutionMinutesMean").GetDouble(), 180, 181);
        Assert.InRange(k.GetProperty("closeMinutesMean").GetDouble(), 300, 301);
        Assert.Equal(1, k.GetProperty("complaints").GetInt32());
        Assert.InRange(k.GetProperty("complaintFirstResponseMinutesMean").GetDouble(), 60, 61);
        Assert.Equal(1.0, k.GetProperty("goodRate").GetDouble());
        var top = Assert.Single(k.GetProperty("engineers").EnumerateArray());
        Assert.Equal(1.0, top.GetProperty("goodRate").GetDouble());
        Assert.Equal(5.0, top.GetProperty("csatMean").GetDouble());
    }
}

public sealed class ServiceFlowTests_Sqlite(SqliteFactory app) : ServiceFlowTests<SqliteFactory>(app);

public sealed class ServiceFlowTests_Postgres(PostgresFactory app) : ServiceFlowTests<PostgresFactory>(app);
