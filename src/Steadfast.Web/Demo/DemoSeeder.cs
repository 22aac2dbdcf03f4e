using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Public;
using Steadfast.Platform.Company;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Web.Settings;

namespace Steadfast.Web.Demo;

/// <summary>
/// A believable Chinese equipment manufacturer: company profile, calendar, teams per region and one
/// user per role. Business modules add their data to it as they land; <c>scale</c> multiplies volumes.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserAdmin users, IEnumerable<IDemoSeeder> modules, ILogger<DemoSeeder> log)
{
    public const string DemoPassword = "Steadfast1!";

    /// <summary>One user per role; the README lists them.</summary>
    public static readonly (string Email, string Name, string Role, string Team)[] DemoUsers =
    [
        ("admin@steadfast.local", "系统管理员 Admin", Roles.Admin, "总部"),
        ("salesmgr@steadfast.local", "周晓明 (销售经理)", Roles.SalesManager, "华东区"),
        ("sales@steadfast.local", "李娜 (销售)", Roles.Sales, "华东区"),
        ("servicemgr@steadfast.local", "王建国 (服务经理)", Roles.ServiceManager, "总部"),
        ("dispatcher@steadfast.local", "陈静 (客服)", Roles.Dispatcher, "总部"),
        ("engineer@steadfast.local", "张伟 (工程师)", Roles.Engineer, "华东区"),
        ("warehouse@steadfast.local", "刘洋 (仓库)", Roles.Warehouse, "总部"),
        ("finance@steadfast.local", "赵敏 (财务)", Roles.Finance, "总部"),
        ("executive@steadfast.local", "孙志强 (总经理)", Roles.Executive, "总部"),
        ("rd@steadfast.local", "郑工 (研发)", Roles.RdEngineer, "总部"),
        ("customer@steadfast.local", "客户演示账号 Customer", Roles.Customer, ""),
        ("dealer@steadfast.local", "经销商演示账号 Dealer", Roles.Dealer, ""),
    ];

    /// <summary>The field force beyond the one demo engineer: enough for dispatch to have a choice in every region.</summary>
    public static readonly (string Email, string Name, string Team)[] FieldEngineers =
    [
        ("eng.sh@steadfast.local", "李强 (工程师)", "华东区"),
        ("eng.zj@steadfast.local", "吴磊 (工程师)", "华东区"),
        ("eng.ah@steadfast.local", "徐涛 (工程师)", "华东区"),
        ("eng.gd@steadfast.local", "黄俊 (工程师)", "华南区"),
        ("eng.fj@steadfast.local", "林峰 (工程师)", "华南区"),
        ("eng.bj@steadfast.local", "马超 (工程师)", "华北区"),
        ("eng.sd@steadfast.local", "郭勇 (工程师)", "华北区"),
        ("eng.sc@steadfast.local", "何军 (工程师)", "西南区"),
        ("eng.cq@steadfast.local", "罗杰 (工程师)", "西南区"),
    ];

    private static readonly (string Name, string Region)[] Teams =
    [
        ("总部", "全国"),
        ("华东区", "上海 江苏 浙江 安徽"),
        ("华南区", "广东 福建 广西"),
        ("华北区", "北京 天津 河北 山东"),
        ("西南区", "四川 重庆 云南"),
    ];

    // 2026 public holidays and 调休 working days as announced by the State Council.
    private static readonly (string Date, CalendarDayKind Kind, string Name)[] Calendar2026 =
    [
        ("2026-01-01", CalendarDayKind.Holiday, "元旦"),
        ("2026-01-02", CalendarDayKind.Holiday, "元旦"),
        ("2026-01-03", CalendarDayKind.Holiday, "元旦"),
        ("2026-01-04", CalendarDayKind.WorkingDay, "元旦调休上班"),
        ("2026-02-14", CalendarDayKind.WorkingDay, "春节调休上班"),
        ("2026-02-15", CalendarDayKind.Holiday, "春节"),
        ("2026-02-16", CalendarDayKind.Holiday, "春节"),
        ("2026-02-17", CalendarDayKind.Holiday, "春节"),
        ("2026-02-18", CalendarDayKind.Holiday, "春节"),
        ("2026-02-19", CalendarDayKind.Holiday, "春节"),
        ("2026-02-20", CalendarDayKind.Holiday, "春节"),
        ("2026-02-21", CalendarDayKind.Holiday, "春节"),
        ("2026-02-22", CalendarDayKind.Holiday, "春节"),
        ("2026-02-23", CalendarDayKind.Holiday, "春节"),
        ("2026-02-28", CalendarDayKind.WorkingDay, "春节调休上班"),
        ("2026-04-04", CalendarDayKind.Holiday, "清明节"),
        ("2026-04-05", CalendarDayKind.Holiday, "清明节"),
        ("2026-04-06", CalendarDayKind.Holiday, "清明节"),
        ("2026-05-01", CalendarDayKind.Holiday, "劳动节"),
        ("2026-05-02", CalendarDayKind.Holiday, "劳动节"),
        ("2026-05-03", CalendarDayKind.Holiday, "劳动节"),
        ("2026-05-04", CalendarDayKind.Holiday, "劳动节"),
        ("2026-05-05", CalendarDayKind.Holiday, "劳动节"),
        ("2026-05-09", CalendarDayKind.WorkingDay, "劳动节调休上班"),
        ("2026-06-19", CalendarDayKind.Holiday, "端午节"),
        ("2026-06-20", CalendarDayKind.Holiday, "端午节"),
        ("2026-06-21", CalendarDayKind.Holiday, "端午节"),
        ("2026-09-20", CalendarDayKind.WorkingDay, "国庆节调休上班"),
        ("2026-09-25", CalendarDayKind.Holiday, "中秋节"),
        ("2026-09-26", CalendarDayKind.Holiday, "中秋节"),
        ("2026-09-27", CalendarDayKind.Holiday, "中秋节"),
        ("2026-10-01", CalendarDayKind.Holiday, "国庆节"),
        ("2026-10-02", CalendarDayKind.Holiday, "国庆节"),
        ("2026-10-03", CalendarDayKind.Holiday, "国庆节"),
        ("2026-10-04", CalendarDayKind.Holiday, "国庆节"),
        ("2026-10-05", CalendarDayKind.Holiday, "国庆节"),
        ("2026-10-06", CalendarDayKind.Holiday, "国庆节"),
        ("2026-10-07", CalendarDayKind.Holiday, "国庆节"),
        ("2026-10-10", CalendarDayKind.WorkingDay, "国庆节调休上班"),
    ];

    public async Task SeedIfEmptyAsync(double scale, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.Email == DemoUsers[0].Email, ct))
            return;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var summary = await SeedAsync(scale, ct);
        log.LogInformation("{Summary} Seeded in {Seconds:0.0} s.", summary, watch.Elapsed.TotalSeconds);
    }

    public async Task<string> SeedAsync(double scale, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await users.EnsureRolesAsync();
        var profile = await db.CompanyProfiles.SingleOrDefaultAsync(ct) ?? db.CompanyProfiles.Add(new CompanyProfile()).Entity;
        profile.Name = "江苏恒力精工机械有限公司";
        profile.ServicePhone = "400-820-1234";

        foreach (var (date, kind, name) in Calendar2026)
        {
            var d = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
            if (!await db.CalendarDays.AnyAsync(x => x.Date == d, ct))
                db.CalendarDays.Add(
                    new CalendarDay
                    {
                        Id = Guid.CreateVersion7(),
                        Date = d,
                        Kind = kind,
                        Name = name,
                    }
                );
        }
        foreach (var (name, region) in Teams)
        {
            if (!await db.Teams.AnyAsync(x => x.Name == name, ct))
                db.Teams.Add(
                    new Team
                    {
                        Id = Guid.CreateVersion7(),
                        Name = name,
                        Region = region,
                    }
                );
        }
        if (!await db.CustomFieldDefinitions.AnyAsync(d => d.RecordType == UserAdmin.RecordType, ct))
        {
            db.CustomFieldDefinitions.Add(
                new CustomFieldDefinition
                {
                    Id = Guid.CreateVersion7(),
                    RecordType = UserAdmin.RecordType,
                    Key = "employee_no",
                    LabelEn = "Employee no.",
                    LabelZh = "工号",
                    Type = CustomFieldType.Text,
                    SortOrder = 1,
                }
            );
            db.CustomFieldDefinitions.Add(
                new CustomFieldDefinition
                {
                    Id = Guid.CreateVersion7(),
                    RecordType = UserAdmin.RecordType,
                    Key = "certification",
                    LabelEn = "Certification",
                    LabelZh = "资质等级",
                    Type = CustomFieldType.Choice,
                    Options = ["初级", "中级", "高级"],
                    SortOrder = 2,
                }
            );
        }
        await db.SaveChangesAsync(ct);

        var teams = await db.Teams.ToDictionaryAsync(x => x.Name, x => x.Id, ct);
        var created = 0;
        foreach (var (email, name, role, team) in DemoUsers)
        {
            if (await db.Users.AnyAsync(u => u.Email == email, ct))
                continue;
            await users.CreateAsync(
                new CreateUser(
                    email,
                    name,
                    DemoPassword,
                    [role],
                    teams.TryGetValue(team, out var t) ? t : null,
                    role == Roles.Customer ? DemoParties.CustomerId : null,
                    role == Roles.Dealer ? DemoParties.DealerId : null,
                    null
                ),
                ct
            );
            created++;
        }
        foreach (var (email, name, team) in FieldEngineers)
        {
            if (await db.Users.AnyAsync(u => u.Email == email, ct))
                continue;
            await users.CreateAsync(
                new CreateUser(
                    email,
                    name,
                    DemoPassword,
                    [Roles.Engineer],
                    teams.TryGetValue(team, out var t) ? t : null,
                    null,
                    null,
                    null
                ),
                ct
            );
            created++;
        }
        var summary =
            $"Demo data (scale {scale}): company profile, {Calendar2026.Length} calendar days, {Teams.Length} teams, {created} new users";
        var times = new List<string> { $"users {watch.Elapsed.TotalSeconds:0.0}" };
        foreach (var module in modules.OrderBy(m => m.Order))
        {
            var start = watch.Elapsed;
            summary += "; " + await module.SeedAsync(scale, ct);
            times.Add($"{module.GetType().Name} {(watch.Elapsed - start).TotalSeconds:0.0}");
        }
        // Each part's seconds, so a module whose demo data grows past the start-up budget shows itself.
        return $"{summary}. Seconds: {string.Join(", ", times)}.";
    }
}
