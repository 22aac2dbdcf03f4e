using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Steadfast.Platform.Modules;

/// <summary>
/// Names a module's one entry point. A project carrying this attribute is a module: its entities join the
/// model, its services, endpoints, pages and menu entries join the app, and nothing else needs editing.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class SteadfastModuleAttribute(Type module) : Attribute
{
    public Type Module { get; } = module;
}

/// <summary>
/// What a module contributes to the one app. Extension points that other modules read (customer tabs,
/// machine-timeline sources, demo seeders, import targets, text indexes, save hooks, due-item handlers) are
/// services registered in <see cref="AddServices"/>; docs/ARCHITECTURE.md lists them.
/// </summary>
public abstract class SteadfastModule
{
    /// <summary>The assembly holding the module's entities, pages and string tables.</summary>
    public Assembly Assembly => GetType().Assembly;

    public virtual void AddServices(IServiceCollection services, IConfiguration configuration) { }

    /// <summary>Maps the module's REST endpoints on the <c>/api/v1</c> group.</summary>
    public virtual void MapEndpoints(RouteGroupBuilder api) { }

    /// <summary>The module's entries in the left menu; each says who sees it.</summary>
    public virtual IEnumerable<NavEntry> Navigation => [];
}
