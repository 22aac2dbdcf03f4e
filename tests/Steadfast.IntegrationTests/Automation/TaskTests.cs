using System.Net;
using System.Net.Http.Json;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests.Automation;

/// <summary>
/// Tasks (待办): made for a person or a role's pool, about a record; taken, done or cancelled once, by those they concern,
/// with a stale version refused; overdue ones counted for the top bar; bad input named field by field.
/// </summary>
public abstract class TaskTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task A_pool_task_is_taken_by_one_done_once_and_seen_only_by_whom_it_concerns()
    {
        var a = await app.CreateAsync("Dispatcher");
        var b = await app.CreateAsync("Dispatcher");
        var engineer = await app.CreateAsync("Engineer");
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync();
        using var ca = await app.ClientForAsync(a.Email());
        using var cb = await app.ClientForAsync(b.Email());
        using var ce = await app.ClientForAsync(engineer.Email());

        var task = await (
            await ca.PostAsJsonAsync(
                "/api/v1/tasks",
                new
                {
                    title = "回访客户，确认液压站修复",
                    recordType = "customer",
                    recordId = customer.Id(),
                    poolRole = "Dispatcher",
                    priority = "high",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(JsonValueKindNull, task.GetProperty("assigneeId").ValueKind);
        Assert.Equal(customer.GetProperty("name").GetString(), task.GetProperty("recordTitle").GetString());
        Assert.Equal($"/customers/{customer.Id()}", task.GetProperty("recordLink").GetString());

        var pool = await (await cb.GetAsync("/api/v1/tasks?scope=pool")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(pool.GetProperty("items").EnumerateArray(), x => x.Id() == task.Id());
        var enginePool = await (await ce.GetAsync("/api/v1/tasks?scope=pool")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(enginePool.GetProperty("items").EnumerateArray(), x => x.Id() == task.Id());
        await (await ce.GetAsync($"/api/v1/tasks/{task.Id()}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await ce.PostAsJsonAsync($"/api/v1/tasks/{task.Id()}/complete", new { version = 1 })).ExpectAsync(HttpStatusCode.NotFound);

        var taken = await (await cb.PostAsJsonAsync($"/api/v1/tasks/{task.Id()}/take", new { version = 1 })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(b.Id(), taken.GetProperty("assigneeId").GetString());
        await (await ca.PostAsJsonAsync($"/api/v1/tasks/{task.Id()}/take", new { version = 1 })).ExpectAsync(HttpStatusCode.Conflict);

        var done = await (
            await cb.PostAsJsonAsync(
                $"/api/v1/tasks/{task.Id()}/complete",
                new { outcome = "客户确认已恢复", version = taken.GetProperty("version").GetInt64() }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("done", done.GetProperty("status").GetString());
        await (
            await cb.PostAsJsonAsync($"/api/v1/tasks/{task.Id()}/complete", new { version = done.GetProperty("version").GetInt64() })
        ).ExpectAsync(HttpStatusCode.Conflict);

        // On the record's page: every task about it that the reader may see.
        var onRecord = await (await ca.GetAsync($"/api/v1/tasks?recordId={customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, onRecord.GetProperty("total").GetInt32());

        var audit = await app.DbAsync(db => Task.FromResult(db.AuditEntries.Count(e => e.EntityType == "task" && e.EntityId == task.Id())));
        Assert.True(audit >= 3, "created, taken and done are in the audit log");
    }

    [Fact]
    public async Task Overdue_tasks_are_counted_for_the_top_bar_and_listed_first()
    {
        var user = await app.CreateAsync("Sales");
        using var c = await app.ClientForAsync(user.Email());
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await (await c.PostAsJsonAsync("/api/v1/tasks", new { title = "已逾期的报价跟进", dueAt = now.AddHours(-2) })).ExpectAsync(
            HttpStatusCode.Created
        );
        await (await c.PostAsJsonAsync("/api/v1/tasks", new { title = "明天的拜访", dueAt = now.AddDays(1) })).ExpectAsync(
            HttpStatusCode.Created
        );
        var counts = await (await c.GetAsync("/api/v1/tasks/counts")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, counts.GetProperty("open").GetInt32());
        Assert.Equal(1, counts.GetProperty("overdue").GetInt32());
        var overdue = await (await c.GetAsync("/api/v1/tasks?overdue=true")).ExpectAsync(HttpStatusCode.OK);
        var only = Assert.Single(overdue.GetProperty("items").EnumerateArray());
        Assert.True(only.GetProperty("overdue").GetBoolean());
        var mine = await (await c.GetAsync("/api/v1/tasks")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("已逾期的报价跟进", mine.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Bad_tasks_are_refused_field_by_field()
    {
        var user = await app.CreateAsync("ServiceManager");
        using var c = await app.ClientForAsync(user.Email());
        async Task<IReadOnlyCollection<string>> Refused(object body) =>
            (await (await c.PostAsJsonAsync("/api/v1/tasks", body)).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields();
        Assert.Contains("title", await Refused(new { title = " " }));
        Assert.Contains(
            "recordType",
            await Refused(
                new
                {
                    title = "x",
                    recordType = "planet",
                    recordId = Guid.NewGuid(),
                }
            )
        );
        Assert.Contains(
            "recordId",
            await Refused(
                new
                {
                    title = "x",
                    recordType = "customer",
                    recordId = Guid.NewGuid(),
                }
            )
        );
        Assert.Contains("assigneeId", await Refused(new { title = "x", assigneeId = Guid.NewGuid() }));
        Assert.Contains("poolRole", await Refused(new { title = "x", poolRole = "Customer" }));
        Assert.Contains(
            "poolRole",
            await Refused(
                new
                {
                    title = "x",
                    poolRole = "Engineer",
                    assigneeId = user.Id(),
                }
            )
        );
        Assert.Contains(
            "scope",
            (await (await c.GetAsync("/api/v1/tasks?scope=everyone")).ExpectAsync(HttpStatusCode.BadRequest)).ErrorFields()
        );
        var task = await (await c.PostAsJsonAsync("/api/v1/tasks", new { title = "x" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Contains(
            "version",
            (
                await (await c.PostAsJsonAsync($"/api/v1/tasks/{task.Id()}/complete", new { })).ExpectAsync(HttpStatusCode.BadRequest)
            ).ErrorFields()
        );
        await (await c.PostAsJsonAsync($"/api/v1/tasks/{task.Id()}/complete", new { version = 7 })).ExpectAsync(HttpStatusCode.Conflict);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}

public sealed class TaskTests_Sqlite(SqliteFactory app) : TaskTests<SqliteFactory>(app);

public sealed class TaskTests_Postgres(PostgresFactory app) : TaskTests<PostgresFactory>(app);
