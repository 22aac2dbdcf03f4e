using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Steadfast.Platform.Files;

/// <summary>
/// Where uploaded and generated files live: a folder (Storage:Root, default data/files). Paths handed
/// out are relative, so the folder can move; names are generated, never taken from the client.
/// </summary>
public sealed class FileStore(IConfiguration config, IHostEnvironment env)
{
    public string Root { get; } =
        Path.GetFullPath(config["Storage:Root"] is { Length: > 0 } r ? r : Path.Combine(env.ContentRootPath, "data", "files"));

    public async Task<string> SaveAsync(string folder, string name, Stream content, CancellationToken ct)
    {
        var relative = Path.Combine(folder, name);
        var full = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using (var file = File.Create(full))
            await content.CopyToAsync(file, ct);
        return relative;
    }

    public Stream OpenRead(string relative) => File.OpenRead(FullPath(relative));

    public bool Exists(string relative) => File.Exists(FullPath(relative));

    public string FullPath(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        if (!full.StartsWith(Root, StringComparison.Ordinal))
            throw new InvalidOperationException("Path escapes the file store.");
        return full;
    }
}
