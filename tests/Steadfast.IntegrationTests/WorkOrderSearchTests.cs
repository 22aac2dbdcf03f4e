using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Service.WorkOrders;

namespace Steadfast.IntegrationTests;

/// <summary>
/// The desk's search box finds orders by what is wrong — a two-character fault word, a longer phrase, the diagnosis
/// written later, the contact's name or phone, the machine's serial — through the indexes, on both databases.
/// </summary>
public abstract class WorkOrderSearchTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private static async Task<JsonElement> IntakeAsync(
        HttpClient admin,
        JsonElement customer,
        JsonElement machine,
        string fault,
        string contact,
        string phone
    ) =>
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/work-orders",
                new
                {
                    customerId = customer.GetProperty("id").GetGuid(),
                    machineId = machine.GetProperty("id").GetGuid(),
                    contactName = contact,
                    contactPhone = phone,
                    faultDescription = fault,
                    category = "液压",
                    severity = "degraded",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);

    private static async Task<List<string>> FindAsync(HttpClient c, JsonElement customer, string q) =>
        [
            .. (
                await (await c.GetAsync($"/api/v1/work-orders?customerId={customer.Id()}&q={Uri.EscapeDataString(q)}")).ExpectAsync(
                    HttpStatusCode.OK
                )
            )
                .GetProperty("items")
                .EnumerateArray()
                .Select(i => i.Id()),
        ];

    [Fact]
    public async Task A_fault_word_a_phrase_the_diagnosis_a_contact_and_a_serial_each_find_their_orders()
    {
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync();
        var product = await admin.ProductAsync(12);
        var machine = await admin.MachineAsync(customer, product);
        var other = await admin.MachineAsync(customer, product);
        var leak = await IntakeAsync(admin, customer, machine, "液压站漏油严重", "李工", "13912345678");
        var noise = await IntakeAsync(admin, customer, other, "主轴异响，温度过高", "王主任", "02188886666");

        Assert.Equal([leak.Id()], await FindAsync(admin, customer, "漏油"));
        Assert.Equal([leak.Id()], await FindAsync(admin, customer, "漏油严重"));
        Assert.Equal([noise.Id()], await FindAsync(admin, customer, "异响"));
        Assert.Equal([leak.Id()], await FindAsync(admin, customer, "李工"));
        Assert.Equal([noise.Id()], await FindAsync(admin, customer, "王主任"));
        Assert.Equal([leak.Id()], await FindAsync(admin, customer, "1234567"));
        Assert.Equal([noise.Id()], await FindAsync(admin, customer, other.GetProperty("serialNumber").GetString()!));
        Assert.Empty(await FindAsync(admin, customer, "电机"));

        // The diagnosis written at resolution is searchable at once: the index follows the update.
        var (engineer, engineerId) = await UserAsync("Engineer");
        await (
            await admin.PostAsJsonAsync($"/api/v1/work-orders/{leak.Id()}/transitions", new { to = "assigned", assigneeId = engineerId })
        ).ExpectAsync(HttpStatusCode.OK);
        foreach (var to in new[] { "accepted", "enRoute", "onSite" })
            await (await engineer.PostAsJsonAsync($"/api/v1/work-orders/{leak.Id()}/transitions", new { to })).ExpectAsync(
                HttpStatusCode.OK
            );
        await (
            await engineer.PostAsJsonAsync(
                $"/api/v1/work-orders/{leak.Id()}/transitions",
                new
                {
                    to = "resolved",
                    diagnosis = "密封圈老化开裂",
                    rootCause = "wear",
                    actions = "更换密封圈",
                    labourHours = 1,
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([leak.Id()], await FindAsync(admin, customer, "老化"));
        Assert.Equal([leak.Id()], await FindAsync(admin, customer, "密封圈老化"));
    }

    [Fact]
    public async Task Orders_written_before_search_grams_existed_get_them_from_the_backfill()
    {
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync();
        var machine = await admin.MachineAsync(customer, await admin.ProductAsync(12));
        var order = await IntakeAsync(admin, customer, machine, "减速机渗油", "赵工", "13700001111");
        var id = order.GetProperty("id").GetGuid();
        await app.DbAsync(db => db.Set<WorkOrder>().Where(w => w.Id == id).ExecuteUpdateAsync(s => s.SetProperty(w => w.SearchGrams, "")));
        Assert.Empty(await FindAsync(admin, customer, "渗油"));

        Assert.True(await app.Services.GetRequiredService<SearchGramsBackfill>().RunAsync(default) >= 1);
        Assert.Equal([order.Id()], await FindAsync(admin, customer, "渗油"));
    }

    private async Task<(HttpClient Client, Guid Id)> UserAsync(string role)
    {
        var user = await app.CreateAsync(role);
        return (await app.ClientForAsync(user.GetProperty("email").GetString()!), user.GetProperty("id").GetGuid());
    }
}

public sealed class WorkOrderSearchTests_Sqlite(SqliteFactory app) : WorkOrderSearchTests<SqliteFactory>(app);

public sealed class WorkOrderSearchTests_Postgres(PostgresFactory app) : WorkOrderSearchTests<PostgresFactory>(app);
