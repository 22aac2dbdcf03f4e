using Microsoft.AspNetCore.Identity;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Web.Auth;
using Steadfast.Web.Demo;
using Steadfast.Web.Settings;

namespace Steadfast.Web.Cli;

/// <summary>Administrative verbs on the same executable: <c>Steadfast.Web migrate</c> and friends.</summary>
public static class CliVerbs
{
    private static readonly string[] Verbs = ["migrate", "seed-demo", "backup", "create-admin", "token", "help"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            switch (args[0])
            {
                case "migrate":
                    var applied = await sp.GetRequiredService<Migrator>().MigrateAsync(default);
                    Console.WriteLine(
                        applied.Count == 0
                            ? "The database is up to date."
                            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}"
                    );
                    return 0;
                case "seed-demo":
                    await SteadfastApp.PrepareDatabaseAsync(app.Services);
                    var scale =
                        double.TryParse(
                            Option(args, "--scale") ?? "1",
                            System.Globalization.NumberStyles.Float,
                            System.Globalization.CultureInfo.InvariantCulture,
                            out var s
                        )
                        && s > 0
                            ? s
                            : -1;
                    if (scale <= 0)
                        return Fail("--scale must be a positive number, e.g. --scale 0.5 or --scale 20.");
                    var summary = await sp.GetRequiredService<DemoSeeder>().SeedAsync(scale, default);
                    Console.WriteLine(summary);
                    return 0;
                case "backup":
                    if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
                        return Fail("Usage: backup <file>");
                    var settings = sp.GetRequiredService<DatabaseSettings>();
                    if (settings.Provider == DatabaseProvider.Postgres)
                        return Fail("The database is PostgreSQL: back it up with pg_dump (e.g. pg_dump -Fc -f steadfast.dump <database>).");
                    await Backup.SqliteOnlineBackupAsync(settings.ConnectionString, args[1], default);
                    Console.WriteLine($"Backed up to {Path.GetFullPath(args[1])} ({new FileInfo(args[1]).Length:N0} bytes).");
                    return 0;
                case "create-admin":
                    await SteadfastApp.PrepareDatabaseAsync(app.Services);
                    var email = Option(args, "--email");
                    var password = Option(args, "--password");
                    if (email is null || password is null)
                        return Fail("Usage: create-admin --email <email> --password <password> [--name <display name>]");
                    var created = await sp.GetRequiredService<UserAdmin>()
                        .CreateAsync(
                            new CreateUser(
                                email,
                                Option(args, "--name") ?? "Administrator",
                                password,
                                [Roles.Admin],
                                null,
                                null,
                                null,
                                null
                            ),
                            default
                        );
                    Console.WriteLine($"Created admin {created.Email} ({created.Id}).");
                    return 0;
                case "token" when args.Length > 1 && args[1] == "create":
                    var userEmail = Option(args, "--user");
                    if (userEmail is null)
                        return Fail("Usage: token create --user <email> [--name <name>] [--days <n>]");
                    var user = await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(userEmail);
                    if (user is null)
                        return Fail($"No user with email {userEmail}.");
                    int? days = int.TryParse(Option(args, "--days"), out var d) ? d : null;
                    var token = await sp.GetRequiredService<TokenService>()
                        .CreatePersonalAsync(user.Id, Option(args, "--name") ?? "cli", days, default);
                    Console.WriteLine(token.Token);
                    return 0;
                default:
                    Console.WriteLine(
                        """
                        Steadfast.Web [verb] [--Setting:Key=value ...]
                          (no verb)                         run the web app
                          migrate                           apply database migrations
                          seed-demo [--scale N]             add demo data (1 = ~1,200 customers; the benchmarks use more)
                          backup <file>                     online backup of the SQLite database
                          create-admin --email E --password P [--name N]
                          token create --user E [--name N] [--days D]   print a new personal access token
                        """
                    );
                    return args[0] == "help" ? 0 : 2;
            }
        }
        catch (AppValidationException ex)
        {
            return Fail(string.Join(Environment.NewLine, ex.Errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or AppConflictException or System.Data.Common.DbException)
        {
            return Fail(ex.Message);
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}
