using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Audit;

namespace Steadfast.Platform.Ui;

/// <summary>
/// Runs a use case for a page in a fresh DI scope (its own short-lived DbContext) acting as the
/// circuit's signed-in user, so audit rows name the right person and no context lives as long as a tab.
/// </summary>
public sealed class PageServices(IServiceScopeFactory scopes, AuthenticationStateProvider auth)
{
    public async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        var state = await auth.GetAuthenticationStateAsync();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Use(state.User);
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task RunAsync<TService>(Func<TService, Task> work)
        where TService : notnull =>
        RunAsync<TService, bool>(async s =>
        {
            await work(s);
            return true;
        });

    public async Task<System.Security.Claims.ClaimsPrincipal> UserAsync() => (await auth.GetAuthenticationStateAsync()).User;
}
