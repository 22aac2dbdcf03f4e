using Steadfast.Platform.Identity;
using Steadfast.Web.Settings;

namespace Steadfast.Web.Auth;

/// <summary>On a database without users, Bootstrap:AdminEmail and Bootstrap:AdminPassword create the first admin.</summary>
public static class BootstrapAdmin
{
    public static async Task CreateIfConfiguredAsync(IServiceProvider services, IConfiguration config, CancellationToken ct)
    {
        var email = config["Bootstrap:AdminEmail"];
        var password = config["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            return;
        var admin = services.GetRequiredService<UserAdmin>();
        if (await admin.AnyUsersAsync(ct))
            return;
        await admin.CreateAsync(new CreateUser(email, "Administrator", password, [Roles.Admin], null, null, null, null), ct);
        services.GetRequiredService<ILoggerFactory>().CreateLogger("Bootstrap").LogInformation("Created the first admin {Email}", email);
    }
}
