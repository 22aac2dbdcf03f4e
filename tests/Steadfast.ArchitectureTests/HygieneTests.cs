using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;

namespace Steadfast.ArchitectureTests;

public sealed class HygieneTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Steadfast.slnx")))
            dir = dir.Parent;
        return dir!.FullName;
    }

    [Fact]
    public void Every_editable_business_record_is_audited_and_versioned_together()
    {
        var model = ModelCatalog
            .Parts.Assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IVersioned).IsAssignableFrom(t))
            .ToList();
        Assert.NotEmpty(model);
        Assert.Empty(model.Where(t => !typeof(IAudited).IsAssignableFrom(t)).Select(t => t.Name));
    }

    [Fact]
    public void Every_project_inherits_the_build_rules()
    {
        var props = File.ReadAllText(Path.Combine(Root(), "Directory.Build.props"));
        Assert.Contains("<TreatWarningsAsErrors>true</TreatWarningsAsErrors>", props, StringComparison.Ordinal);
        Assert.Contains("<Nullable>enable</Nullable>", props, StringComparison.Ordinal);
        var banned = File.ReadAllText(Path.Combine(Root(), "BannedSymbols.txt"));
        Assert.Contains("P:System.DateTime.Now", banned, StringComparison.Ordinal);
        Assert.Contains("P:System.DateTime.UtcNow", banned, StringComparison.Ordinal);
        foreach (var project in Directory.EnumerateFiles(Path.Combine(Root(), "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(project);
            Assert.DoesNotContain("Version=\"", text, StringComparison.Ordinal); // versions live in Directory.Packages.props
            Assert.DoesNotContain("TreatWarningsAsErrors>false", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_repository_wrappers_over_the_db_context()
    {
        var types = ModelCatalog.Parts.Assemblies.Append(typeof(Steadfast.Web.SteadfastApp).Assembly).SelectMany(a => a.GetTypes());
        Assert.Empty(
            types
                .Where(t =>
                    t.Name.EndsWith("Repository", StringComparison.Ordinal) || t.Name.StartsWith("IRepository", StringComparison.Ordinal)
                )
                .Select(t => t.FullName)
        );
        Assert.True(typeof(DbContext).IsAssignableFrom(typeof(AppDbContext)));
    }

    /// <summary>
    /// Business modules reach the database's engine-specific machinery only through the platform's
    /// transaction, counter and text-index APIs: no branch on the provider, no SQLite type by name.
    /// </summary>
    [Fact]
    public void No_module_branches_on_the_database_engine()
    {
        var modules = Directory
            .EnumerateDirectories(Path.Combine(Root(), "src"), "Steadfast.*")
            .Where(d =>
                !Path.GetFileName(d).StartsWith("Steadfast.Platform", StringComparison.Ordinal)
                && !Path.GetFileName(d).StartsWith("Steadfast.Migrations", StringComparison.Ordinal)
            )
            .ToList();
        Assert.Contains(modules, d => d.EndsWith("Steadfast.Service", StringComparison.Ordinal));
        var offenders = modules
            .SelectMany(d => Directory.EnumerateFiles(d, "*.*", SearchOption.AllDirectories))
            .Where(f =>
                (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            )
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x =>
                x.line.Contains("IsSqlite", StringComparison.Ordinal)
                || x.line.Contains("Data.Sqlite", StringComparison.Ordinal)
                || x.line.Contains("ProviderName", StringComparison.Ordinal)
            )
            .Select(x => $"{Path.GetRelativePath(Root(), x.f)}:{x.i + 1}")
            .ToList();
        Assert.Empty(offenders);
    }

    /// <summary>
    /// A module uses another module only through that module's Public/ namespace (its facade, ports and shared
    /// types); everything else in a module is its own to change.
    /// </summary>
    [Fact]
    public void Modules_use_each_other_only_through_Public()
    {
        string[] modules = ["Customers", "Inventory", "Service"];
        var offenders = new List<string>();
        foreach (var module in modules)
        {
            var dir = Path.Combine(Root(), "src", $"Steadfast.{module}");
            foreach (var other in modules.Where(m => m != module))
            {
                var features = Directory
                    .EnumerateDirectories(Path.Combine(Root(), "src", $"Steadfast.{other}"))
                    .Select(Path.GetFileName)
                    .Where(n => n is not ("Public" or "bin" or "obj" or "Resources" or "wwwroot"))
                    .ToList();
                var pattern = new System.Text.RegularExpressions.Regex(
                    $@"(?<![\w])(Steadfast\.)?{other}\.({string.Join('|', features)})\b"
                );
                foreach (
                    var file in Directory
                        .EnumerateFiles(dir, "*.*", SearchOption.AllDirectories)
                        .Where(f =>
                            (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                            && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        )
                )
                    offenders.AddRange(
                        File.ReadLines(file)
                            .Select((line, i) => (line, i))
                            .Where(x => pattern.IsMatch(x.line))
                            .Select(x => $"{Path.GetRelativePath(Root(), file)}:{x.i + 1}")
                    );
            }
        }
        Assert.Empty(offenders);
    }
}
