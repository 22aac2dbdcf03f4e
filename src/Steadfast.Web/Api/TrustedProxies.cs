using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Steadfast.Web.Api;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address. X-Forwarded-For is honoured only when the
/// request comes from a proxy named in <c>Network:TrustedProxies</c> (addresses or CIDR networks): anyone else could
/// write the header and pose as any address, which would defeat the sign-in throttle.
/// </summary>
internal static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration config) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var entry in config.GetSection("Network:TrustedProxies").Get<string[]>() ?? [])
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                else
                    o.KnownProxies.Add(IPAddress.Parse(entry));
            }
        });
}
