using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Steadfast.IntegrationTests.Automation;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.IntegrationTests.Sales;
using Steadfast.Platform.Data.Sqlite;
using Steadfast.Platform.Jobs;

namespace Steadfast.IntegrationTests;

public abstract class ImportTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private static byte[] Xlsx(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var memory = new MemoryStream();
        memory.SaveAs(rows);
        return memory.ToArray();
    }

    private async Task<JsonElement> RunAsync(
        HttpClient client,
        byte[] file,
        string fileName,
        string target,
        string? mode = null,
        object? mapping = null,
        HttpStatusCode expect = HttpStatusCode.Accepted
    )
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        form.Add(new StringContent(target), "target");
        if (mode is not null)
            form.Add(new StringContent(mode), "mode");
        if (mapping is not null)
            form.Add(new StringContent(JsonSerializer.Serialize(mapping)), "mapping");
        var job = await (await client.PostAsync("/api/v1/imports", form)).ExpectAsync(expect);
        if (expect != HttpStatusCode.Accepted)
            return job;
        await app.Services.GetRequiredService<QueueTicker>().DrainAsync(default);
        return await (await client.GetAsync($"/api/v1/imports/{job.Id()}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Good_rows_go_in_bad_rows_come_back_with_reasons_and_a_corrected_file_updates()
    {
        using var admin = await app.AdminAsync();
        var marker = Guid.NewGuid().ToString("N")[..6];
        var (c1, c2) = (Records.NewCreditCode(), Records.NewCreditCode());
        var rows = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["客户名称"] = $"导入甲{marker}有限公司",
                ["统一社会信用代码"] = c1,
                ["客户等级"] = "战略",
                ["省份"] = "浙江",
                ["城市"] = "宁波",
                ["标签"] = "复购、标杆客户",
            },
            new()
            {
                ["客户名称"] = $"导入乙{marker}有限公司",
                ["统一社会信用代码"] = c2,
                ["客户等级"] = "Key",
                ["省份"] = "广东",
                ["城市"] = "东莞",
                ["标签"] = null,
            },
            new()
            {
                ["客户名称"] = $"导入丙{marker}有限公司",
                ["统一社会信用代码"] = c1[..17] + (c1[17] == 'A' ? 'B' : 'A'),
                ["客户等级"] = "普通",
                ["省份"] = "江苏",
                ["城市"] = "常州",
                ["标签"] = null,
            },
            new()
            {
                ["客户名称"] = null,
                ["统一社会信用代码"] = null,
                ["客户等级"] = "钻石",
                ["省份"] = "江苏",
                ["城市"] = "常州",
                ["标签"] = null,
            },
        };
        var job = await RunAsync(admin, Xlsx(rows), "客户.xlsx", "customers");
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("succeeded").GetInt32());
        Assert.Equal(2, job.GetProperty("failedRows").GetInt32());

        var found = await (await admin.GetAsync($"/api/v1/customers?q={marker}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, found.GetProperty("total").GetInt32());
        var first = found.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("creditCode").GetString() == c1);
        Assert.Equal("strategic", first.GetProperty("tier").GetString());
        Assert.Equal(["复购", "标杆客户"], first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());

        var report = await admin.GetAsync($"/api/v1/imports/{job.Id()}/errors");
        await using var stream = new MemoryStream(await report.Content.ReadAsByteArrayAsync());
        var bad = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, bad.Count);
        Assert.Contains("统一社会信用代码", bad[0].Values.Last()?.ToString(), StringComparison.Ordinal);
        Assert.Contains("客户名称", bad[1].Values.Last()?.ToString(), StringComparison.Ordinal);
        Assert.Contains("客户等级", bad[1].Values.Last()?.ToString(), StringComparison.Ordinal);

        // The same file, corrected: matched by credit code, so updated rather than duplicated.
        rows[0]["城市"] = "杭州";
        rows[2]["统一社会信用代码"] = Records.NewCreditCode();
        rows[3]["客户名称"] = $"导入丁{marker}有限公司";
        rows[3]["客户等级"] = "普通";
        var again = await RunAsync(admin, Xlsx(rows), "客户-修正.xlsx", "customers");
        Assert.Equal(4, again.GetProperty("succeeded").GetInt32());
        var after = await (await admin.GetAsync($"/api/v1/customers?q={marker}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(4, after.GetProperty("total").GetInt32());
        Assert.Equal(
            "杭州",
            after
                .GetProperty("items")
                .EnumerateArray()
                .Single(i => i.GetProperty("creditCode").GetString() == c1)
                .GetProperty("city")
                .GetString()
        );
    }

    [Fact]
    public async Task All_or_nothing_writes_nothing_when_one_row_is_bad()
    {
        using var admin = await app.AdminAsync();
        var marker = Guid.NewGuid().ToString("N")[..6];
        var rows = Enumerable
            .Range(0, 30)
            .Select(i => new Dictionary<string, object?>
            {
                ["Name"] = $"全有全无{marker}-{i}有限公司",
                ["Credit code"] = i == 17 ? "123" : null,
            })
            .ToList();
        var job = await RunAsync(admin, Xlsx(rows), "all.xlsx", "customers", mode: "allOrNothing");
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal(1, job.GetProperty("failedRows").GetInt32());
        var found = await (await admin.GetAsync($"/api/v1/customers?q={marker}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, found.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Machines_import_with_mixed_date_formats_full_width_digits_and_customer_by_credit_code()
    {
        using var admin = await app.AdminAsync();
        var code = Records.NewCreditCode();
        var customer = await admin.CustomerAsync(extra: new { creditCode = code });
        var product = await admin.ProductAsync(warrantyMonths: 12);
        var productCode = product.GetProperty("code").GetString();
        var s = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var rows = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["序列号"] = $"A{s}1",
                ["型号编码"] = productCode,
                ["客户"] = code,
                ["安装日期"] = "2024/3/5",
                ["纬度"] = "３１.２",
                ["经度"] = "１２０.５",
            },
            new()
            {
                ["序列号"] = $"A{s}2",
                ["型号编码"] = productCode,
                ["客户"] = customer.GetProperty("name").GetString(),
                ["安装日期"] = "2024年3月5日",
                ["纬度"] = null,
                ["经度"] = null,
            },
            new()
            {
                ["序列号"] = $"A{s}3",
                ["型号编码"] = productCode,
                ["客户"] = code,
                ["安装日期"] = 45356d,
                ["纬度"] = null,
                ["经度"] = null,
            },
            new()
            {
                ["序列号"] = $"A{s}4",
                ["型号编码"] = productCode,
                ["客户"] = code,
                ["安装日期"] = "三月五号",
                ["纬度"] = null,
                ["经度"] = null,
            },
            new()
            {
                ["序列号"] = $"A{s}5",
                ["型号编码"] = "NO-SUCH-MODEL",
                ["客户"] = "不存在的客户",
                ["安装日期"] = "2024-03-05",
                ["纬度"] = null,
                ["经度"] = null,
            },
        };
        var job = await RunAsync(
            admin,
            Xlsx(rows),
            "设备.xlsx",
            "equipment",
            mapping: new Dictionary<string, string>
            {
                ["序列号"] = "serialNumber",
                ["型号编码"] = "productCode",
                ["客户"] = "customer",
                ["安装日期"] = "installedOn",
                ["纬度"] = "latitude",
                ["经度"] = "longitude",
            }
        );
        Assert.Equal(3, job.GetProperty("succeeded").GetInt32());
        Assert.Equal(2, job.GetProperty("failedRows").GetInt32());
        var machines = await (await admin.GetAsync($"/api/v1/equipment?customerId={customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.All(machines.GetProperty("items").EnumerateArray(), m =>
        {
            Assert.Equal("2024-03-05", m.GetProperty("installedOn").GetString());
            Assert.Equal("2025-03-05", m.GetProperty("warrantyEndsOn").GetString());
        });
    }

    [Fact]
    public async Task Contacts_and_product_models_import_and_reimport_without_duplicates()
    {
        using var admin = await app.AdminAsync();
        var code = Records.NewCreditCode();
        var customer = await admin.CustomerAsync(extra: new { creditCode = code });
        var model = "M-" + Guid.NewGuid().ToString("N")[..6];
        var products = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["型号编码"] = model,
                ["名称"] = "新型注塑机",
                ["保修期（月）"] = "２４",
                ["每 N 运行小时保养"] = "1,000",
            },
            new()
            {
                ["型号编码"] = model + "X",
                ["名称"] = null,
                ["保修期（月）"] = "999",
                ["每 N 运行小时保养"] = null,
            },
        };
        var job = await RunAsync(admin, Xlsx(products), "models.xlsx", "products");
        Assert.Equal(1, job.GetProperty("succeeded").GetInt32());
        Assert.Equal(1, job.GetProperty("failedRows").GetInt32());
        var found = await (await admin.GetAsync($"/api/v1/products?q={model}")).ExpectAsync(HttpStatusCode.OK);
        var p = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal(24, p.GetProperty("warrantyMonths").GetInt32());
        Assert.Equal(1000, p.GetProperty("maintenanceHours").GetInt32());

        var (m1, m2) = ("139" + Random.Shared.Next(10000000, 99999999), "139" + Random.Shared.Next(10000000, 99999999));
        var contacts = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["客户"] = code,
                ["姓名"] = "赵总",
                ["手机"] = m1,
                ["决策角色"] = "决策者",
                ["主联系人"] = "是",
            },
            new()
            {
                ["客户"] = code,
                ["姓名"] = "钱工",
                ["手机"] = m2,
                ["决策角色"] = "Technical",
                ["主联系人"] = "否",
            },
            new()
            {
                ["客户"] = "没有这个客户",
                ["姓名"] = "孙经理",
                ["手机"] = null,
                ["决策角色"] = null,
                ["主联系人"] = null,
            },
        };
        job = await RunAsync(admin, Xlsx(contacts), "contacts.xlsx", "contacts");
        Assert.Equal(2, job.GetProperty("succeeded").GetInt32());
        // Imported rows reach the search index too (on SQLite the batch indexes them itself, see TextIndexDeferral).
        var byMobile = await (await admin.GetAsync($"/api/v1/customers?q={m2[3..]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(byMobile.GetProperty("items").EnumerateArray(), i => i.Id() == customer.Id());
        contacts[0]["姓名"] = "赵总经理";
        job = await RunAsync(admin, Xlsx(contacts.Take(2)), "contacts.xlsx", "contacts");
        Assert.Equal(2, job.GetProperty("succeeded").GetInt32());
        var list = await (await admin.GetAsync($"/api/v1/customers/{customer.Id()}/contacts")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, list.GetArrayLength());
        var boss = list.EnumerateArray().Single(c => c.GetProperty("mobile").GetString() == m1);
        Assert.Equal("赵总经理", boss.GetProperty("name").GetString());
        Assert.Equal("decisionMaker", boss.GetProperty("role").GetString());
        Assert.True(boss.GetProperty("isPrimary").GetBoolean());
    }

    [Fact]
    public async Task Parts_and_opening_balances_import_into_the_catalogue_and_the_ledger()
    {
        using var admin = await app.AdminAsync();
        var model = (await admin.ProductAsync()).GetProperty("code").GetString();
        var number = "IMP-" + Guid.NewGuid().ToString("N")[..6];
        var parts = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["备件编号"] = number,
                ["名称"] = "主轴轴承",
                ["单位"] = "套",
                ["单位成本"] = "1,250.50",
                ["再订货点"] = "4",
                ["适用型号"] = model,
            },
            new()
            {
                ["备件编号"] = number + "B",
                ["名称"] = "密封圈",
                ["单位"] = "件",
                ["单位成本"] = "-3",
                ["再订货点"] = null,
                ["适用型号"] = "NO-SUCH-MODEL",
            },
        };
        var job = await RunAsync(admin, Xlsx(parts), "parts.xlsx", "parts");
        Assert.Equal(1, job.GetProperty("succeeded").GetInt32());
        Assert.Equal(1, job.GetProperty("failedRows").GetInt32());
        var found = Assert.Single(
            (await (await admin.GetAsync($"/api/v1/parts?q={number}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
        );
        Assert.Equal(125050, found.GetProperty("unitCost").GetInt64());
        var part = await (await admin.GetAsync($"/api/v1/parts/{found.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, part.GetProperty("productIds").GetArrayLength());

        var code = "OB" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/warehouses",
                new
                {
                    code,
                    name = "期初仓",
                    kind = "central",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var balances = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["备件编号"] = number,
                ["仓库编码"] = code,
                ["数量"] = "12",
                ["单位成本"] = "1200",
            },
            new()
            {
                ["备件编号"] = number,
                ["仓库编码"] = "NOPE",
                ["数量"] = "1.5",
                ["单位成本"] = null,
            },
        };
        job = await RunAsync(admin, Xlsx(balances), "opening.xlsx", "opening-balances");
        Assert.Equal(1, job.GetProperty("succeeded").GetInt32());
        Assert.Equal(1, job.GetProperty("failedRows").GetInt32());
        part = await (await admin.GetAsync($"/api/v1/parts/{found.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(12, part.GetProperty("onHand").GetInt64());
        Assert.Equal(12 * 120000, part.GetProperty("stockValue").GetInt64());
        var ledger = await (await admin.GetAsync($"/api/v1/stock-movements?partId={found.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("receive", Assert.Single(ledger.GetProperty("items").EnumerateArray()).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Leads_are_assigned_as_they_import_and_sales_orders_group_their_lines_by_erp_number()
    {
        using var admin = await app.AdminAsync();
        var rep = await app.CreateAsync("Sales");
        var province = "导" + Guid.NewGuid().ToString("N")[..8];
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/lead-assignment-rules",
                new
                {
                    name = "导入" + province,
                    provinces = new[] { province },
                    reps = new[] { rep.Id() },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var leads = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["公司名称"] = "展会客户甲",
                ["电话"] = "13611112222",
                ["省份"] = province,
                ["来源"] = "展会",
                ["预计金额"] = "120,000",
            },
            new()
            {
                ["公司名称"] = "展会客户乙",
                ["电话"] = "13611113333",
                ["省份"] = province,
                ["来源"] = "不知道",
                ["预计金额"] = null,
            },
            new()
            {
                ["公司名称"] = null,
                ["电话"] = null,
                ["省份"] = province,
                ["来源"] = null,
                ["预计金额"] = null,
            },
        };
        var job = await RunAsync(admin, Xlsx(leads), "leads.xlsx", "leads");
        Assert.Equal(1, job.GetProperty("succeeded").GetInt32());
        Assert.Equal(2, job.GetProperty("failedRows").GetInt32());
        var list = await (await admin.GetAsync($"/api/v1/leads?province={Uri.EscapeDataString(province)}")).ExpectAsync(HttpStatusCode.OK);
        var lead = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("tradeShow", lead.GetProperty("source").GetString());
        Assert.Equal(rep.Id(), lead.GetProperty("ownerId").GetString());
        Assert.Equal(120_000_00, lead.GetProperty("estimatedAmount").GetInt64());

        var customer = await admin.CustomerAsync(extra: new { creditCode = Records.NewCreditCode() });
        var erp = "SO" + Guid.NewGuid().ToString("N")[..8];
        var orders = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["ERP 订单号"] = erp,
                ["客户（ERP 编号、信用代码或名称）"] = customer.GetProperty("creditCode").GetString(),
                ["下单日期"] = "2026-02-10",
                ["品名"] = "整机",
                ["数量"] = "1",
                ["单价"] = "500000",
            },
            new()
            {
                ["ERP 订单号"] = erp,
                ["客户（ERP 编号、信用代码或名称）"] = customer.GetProperty("name").GetString(),
                ["下单日期"] = "2026-02-10",
                ["品名"] = "安装调试",
                ["数量"] = "1",
                ["单价"] = "20000",
            },
            new()
            {
                ["ERP 订单号"] = erp + "X",
                ["客户（ERP 编号、信用代码或名称）"] = "不存在的客户",
                ["下单日期"] = "2026-02-10",
                ["品名"] = "整机",
                ["数量"] = "1",
                ["单价"] = "1",
            },
        };
        job = await RunAsync(admin, Xlsx(orders), "orders.xlsx", "sales-orders");
        Assert.Equal(2, job.GetProperty("succeeded").GetInt32());
        var found = await (await admin.GetAsync($"/api/v1/sales-orders?q={erp}")).ExpectAsync(HttpStatusCode.OK);
        var order = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal(520_000_00, order.GetProperty("amount").GetInt64());
        // The same file again replaces the order's lines instead of adding a second order.
        await RunAsync(admin, Xlsx(orders), "orders.xlsx", "sales-orders");
        found = await (await admin.GetAsync($"/api/v1/sales-orders?q={erp}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(520_000_00, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task Receipts_import_onto_the_oldest_due_instalments_once_per_bank_id_and_the_ageing_exports_what_is_open()
    {
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        var finance = await app.CreateAsync("Finance");
        using var cf = await app.ClientForAsync(finance.Email());
        var customer = await cr.CustomerAsync();
        var name = customer.GetProperty("name").GetString()!;
        var contract = await cr.ContractAsync(
            new
            {
                title = "设备销售",
                kind = "sales",
                customerId = customer.Id(),
                startsOn = "2026-01-01",
                endsOn = "2026-12-31",
                amount = 300_00,
                instalments = new object[]
                {
                    new
                    {
                        name = "预付款",
                        fixedOn = "2026-01-15",
                        amount = 100_00,
                    },
                    new
                    {
                        name = "到货款",
                        fixedOn = "2026-04-01",
                        amount = 200_00,
                    },
                },
            }
        );
        await cr.SignedAsync(contract, signedOn: "2026-01-01");

        // The export is every open instalment behind the ageing, reconciling to its total to the fen.
        var export = await cf.GetAsync($"/api/v1/receivables/ageing/export?customerId={customer.Id()}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        await using (var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync()))
        {
            var lines = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(["预付款", "到货款"], lines.Select(l => l["Instalment"].ToString()!).ToArray());
            Assert.Equal(300.00m, lines.Sum(l => Convert.ToDecimal(l["Open (¥)"], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(["31–60 days", "Not due"], lines.Select(l => l["Ageing bucket"].ToString()!).ToArray());
            Assert.Equal("46", lines[0]["Days overdue"]?.ToString());
        }

        var bank = Guid.NewGuid().ToString("N")[..8];
        var mapping = new Dictionary<string, string>
        {
            ["流水号"] = "externalId",
            ["付款方"] = "customer",
            ["日期"] = "receivedOn",
            ["金额"] = "amount",
            ["预收"] = "asCredit",
        };
        var rows = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["流水号"] = $"{bank}-1",
                ["付款方"] = name,
                ["日期"] = "2026-02-20",
                ["金额"] = 150.00,
                ["预收"] = null,
            },
            // More than is left open, not marked as credit: refused, nothing of it applied.
            new()
            {
                ["流水号"] = $"{bank}-2",
                ["付款方"] = name,
                ["日期"] = "2026-02-21",
                ["金额"] = 500.00,
                ["预收"] = null,
            },
            new()
            {
                ["流水号"] = $"{bank}-3",
                ["付款方"] = name,
                ["日期"] = "2026-02-22",
                ["金额"] = 200.00,
                ["预收"] = "是",
            },
            new()
            {
                ["流水号"] = $"{bank}-4",
                ["付款方"] = "没有这家公司",
                ["日期"] = "2026-02-22",
                ["金额"] = 1.00,
                ["预收"] = null,
            },
        };
        var job = await RunAsync(cf, Xlsx(rows), "回款.xlsx", "receipts", mapping: mapping);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("succeeded").GetInt32());
        Assert.Equal(2, job.GetProperty("failedRows").GetInt32());
        var report = await cf.GetAsync($"/api/v1/imports/{job.Id()}/errors");
        await using (var stream = new MemoryStream(await report.Content.ReadAsByteArrayAsync()))
        {
            var bad = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal([$"{bank}-2", $"{bank}-4"], bad.Select(b => b["流水号"].ToString()!).ToArray());
            Assert.Contains("金额", bad[0].Values.Last()?.ToString(), StringComparison.Ordinal);
            Assert.Contains("付款方", bad[1].Values.Last()?.ToString(), StringComparison.Ordinal);
        }
        // 150 paid the first instalment and 50 of the second; 200 more paid the 150 left and held 50 as credit.
        var owed = await (await cf.GetAsync($"/api/v1/receivables/customers/{customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, owed.GetArrayLength());
        var receipts = await (await cf.GetAsync($"/api/v1/receivables/receipts?customerId={customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, receipts.GetProperty("total").GetInt32());
        Assert.Equal(50_00, receipts.GetProperty("items").EnumerateArray().Sum(r => r.GetProperty("credit").GetInt64()));

        // The same statement again: the bank ids were recorded, so nothing is paid twice.
        var again = await RunAsync(cf, Xlsx(rows), "回款.xlsx", "receipts", mapping: mapping);
        Assert.Equal(2, again.GetProperty("succeeded").GetInt32());
        var after = await (await cf.GetAsync($"/api/v1/receivables/receipts?customerId={customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, after.GetProperty("total").GetInt32());

        // Receipts are finance's: a sales manager imports master data, not money, and a rep imports nothing.
        var manager = await app.CreateAsync("SalesManager");
        using var cm = await app.ClientForAsync(manager.Email());
        var targets = await (await cm.GetAsync("/api/v1/imports/targets")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("receipts", targets.EnumerateArray().Select(x => x.GetProperty("name").GetString()));
        var refused = await RunAsync(cm, Xlsx(rows), "回款.xlsx", "receipts", mapping: mapping, expect: HttpStatusCode.BadRequest);
        Assert.Equal(["target"], refused.ErrorFields());
        Assert.Equal(HttpStatusCode.Forbidden, (await cr.GetAsync("/api/v1/imports/targets")).StatusCode);
        var dispatcher = await app.CreateAsync("Dispatcher");
        using var cd = await app.ClientForAsync(dispatcher.Email());
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await cd.GetAsync($"/api/v1/receivables/ageing/export?customerId={customer.Id()}")).StatusCode
        );
    }

    [Fact]
    public async Task A_gbk_csv_from_chinese_excel_imports()
    {
        using var admin = await app.AdminAsync();
        var marker = Guid.NewGuid().ToString("N")[..6];
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var csv = Encoding
            .GetEncoding("GB18030")
            .GetBytes($"客户名称,省份,城市\r\n编码{marker}甲有限公司,四川,成都\r\n编码{marker}乙有限公司,河南,郑州\r\n");
        var job = await RunAsync(admin, csv, "客户.csv", "customers");
        Assert.Equal(2, job.GetProperty("succeeded").GetInt32());
        var found = await (await admin.GetAsync($"/api/v1/customers?q={marker}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(found.GetProperty("items").EnumerateArray(), i => i.GetProperty("city").GetString() == "成都");
    }

    [Fact]
    public async Task Bad_files_and_bad_mappings_are_refused_before_anything_is_queued()
    {
        using var admin = await app.AdminAsync();
        var before = await app.DbAsync(db => db.Set<Steadfast.Platform.ImportExport.ImportJob>().CountAsync());
        var notExcel = await RunAsync(
            admin,
            [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 0, 0, 9],
            "fake.xlsx",
            "customers",
            expect: HttpStatusCode.BadRequest
        );
        Assert.Equal(["file"], notExcel.ErrorFields());
        var binary = await RunAsync(admin, [0, 1, 2, 3, 0, 255, 0], "x.csv", "customers", expect: HttpStatusCode.BadRequest);
        Assert.Equal(["file"], binary.ErrorFields());
        var empty = await RunAsync(
            admin,
            Xlsx([new() { ["客户名称"] = null }]),
            "empty.xlsx",
            "customers",
            expect: HttpStatusCode.BadRequest
        );
        Assert.Equal(["file"], empty.ErrorFields());
        var twice = await RunAsync(
            admin,
            Xlsx([new() { ["A"] = "x", ["B"] = "y" }]),
            "twice.xlsx",
            "customers",
            mapping: new { A = "name", B = "name" },
            expect: HttpStatusCode.BadRequest
        );
        Assert.Equal(["mapping"], twice.ErrorFields());
        var unmapped = await RunAsync(
            admin,
            Xlsx([new() { ["A"] = "x" }]),
            "unmapped.xlsx",
            "customers",
            mapping: new { A = "city" },
            expect: HttpStatusCode.BadRequest
        );
        Assert.Equal(["mapping"], unmapped.ErrorFields());
        await RunAsync(admin, Xlsx([new() { ["A"] = "x" }]), "x.xlsx", "spaceships", expect: HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.DbAsync(db => db.Set<Steadfast.Platform.ImportExport.ImportJob>().CountAsync()));

        var sales = await app.CreateAsync("Sales");
        using var salesClient = await app.ClientForAsync(sales.GetProperty("email").GetString()!);
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1]), "file", "x.xlsx" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await salesClient.PostAsync("/api/v1/imports", form)).StatusCode);
    }

    [Fact]
    public async Task The_preview_suggests_a_mapping_and_remembers_the_last_one()
    {
        using var admin = await app.AdminAsync();
        var file = Xlsx([new() { ["客户名称"] = "预览有限公司", ["负责人邮箱"] = AppFactory.AdminEmail }]);
        async Task<JsonElement> Preview()
        {
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(file), "file", "p.xlsx" },
                { new StringContent("customers"), "target" },
            };
            return await (await admin.PostAsync("/api/v1/imports/preview", form)).ExpectAsync(HttpStatusCode.OK);
        }
        var first = await Preview();
        Assert.Equal("name", first.GetProperty("suggestedMapping").GetProperty("客户名称").GetString());
        Assert.False(first.GetProperty("suggestedMapping").TryGetProperty("负责人邮箱", out _));
        await RunAsync(
            admin,
            file,
            "p.xlsx",
            "customers",
            mapping: new Dictionary<string, string> { ["客户名称"] = "name", ["负责人邮箱"] = "owner" }
        );
        var second = await Preview();
        Assert.Equal("owner", second.GetProperty("suggestedMapping").GetProperty("负责人邮箱").GetString());
    }
}

public sealed class ImportTests_Sqlite(QueueSqliteFactory app) : ImportTests<QueueSqliteFactory>(app);

public sealed class ImportTests_Postgres(QueuePostgresFactory app) : ImportTests<QueuePostgresFactory>(app);
