using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Steadfast.Platform.Data;

namespace Steadfast.IntegrationTests.Infrastructure;

/// <summary>The app as its own process, started and killed like a server on a real machine (crash and two-node tests).</summary>
public sealed class ServerProcess(string connectionString, DatabaseProvider provider) : IDisposable
{
    private Process? _process;
    public string Url { get; } = $"http://127.0.0.1:{FreePort()}";
    public int Starts { get; private set; }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Steadfast.slnx")))
            dir = dir.Parent;
        return dir!.FullName;
    }

    /// <summary>
    /// The host as its own build put it (same configuration as these tests): the test folder also holds test assemblies the app must not
    /// load.
    /// </summary>
    private static string WebDll()
    {
        var config = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Debug|Release>/net10.0
        return Path.Combine(RepoRoot(), "src", "Steadfast.Web", "bin", config, "net10.0", "Steadfast.Web.dll");
    }

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (
            var a in new[]
            {
                WebDll(),
                "--urls",
                Url,
                "--contentRoot",
                Path.Combine(RepoRoot(), "src", "Steadfast.Web"),
                $"--Database:Provider={provider}",
                $"--ConnectionStrings:Default={connectionString}",
                "--Demo:SeedIfEmpty=false",
                $"--Bootstrap:AdminEmail={AppFactory.AdminEmail}",
                $"--Bootstrap:AdminPassword={AppFactory.Password}",
                "--Auth:SignInPermitsPerMinute=100000",
                "--Queue:TickInterval=00:00:00.500",
                "--Queue:Lease=00:00:05",
                "--Logging:LogLevel:Default=Warning",
            }
        )
            info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Starts++;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 240; i++)
        {
            try
            {
                if ((await http.GetAsync(Url + "/healthz")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (_process.HasExited)
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}");
            await Task.Delay(250);
        }
        throw new TimeoutException("The server did not come up.");
    }

    /// <summary>An admin client with a bearer token; tokens live in the database, so they outlive restarts.</summary>
    public async Task<HttpClient> AdminAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(10) };
        var token = await (
            await http.PostAsJsonAsync("/api/v1/auth/token", new { email = AppFactory.AdminEmail, password = AppFactory.Password })
        ).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        return http;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — whatever was not committed is gone.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException) { }
        _process?.Dispose();
    }
}

/// <summary>A local webhook receiver: keeps each delivery once by its id (the body of the first), and counts every call.</summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _web;
    private int _calls;
    public ConcurrentDictionary<string, string> Deliveries { get; } = new();
    public int Calls => _calls;
    public string Url { get; }

    private WebhookSink(int port)
    {
        Url = $"http://127.0.0.1:{port}/hook";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _web = builder.Build();
        _web.MapPost("/hook", async (HttpRequest req) =>
        {
            using var reader = new StreamReader(req.Body);
            var body = await reader.ReadToEndAsync();
            Interlocked.Increment(ref _calls);
            Deliveries.TryAdd(req.Headers["X-Steadfast-Delivery"].ToString(), body);
            return Results.Ok();
        });
    }

    public static async Task<WebhookSink> StartAsync()
    {
        var sink = new WebhookSink(ServerProcess.FreePort());
        await sink._web.StartAsync();
        return sink;
    }

    public async ValueTask DisposeAsync() => await _web.DisposeAsync();
}
