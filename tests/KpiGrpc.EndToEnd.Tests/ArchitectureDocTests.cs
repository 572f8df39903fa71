using System.Text.RegularExpressions;
using KpiGrpc.Testing;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>docs/ARCHITECTURE.md stays true: every file or folder it names exists.</summary>
public sealed partial class ArchitectureDocTests
{
    // Short forms the guide uses for the projects' folders.
    private static readonly Dictionary<string, string> ProjectFolders = new()
    {
        ["Core/"] = "src/KpiGrpc.Core/",
        ["Server/"] = "src/KpiGrpc.Server/",
        ["Storage.Sqlite/"] = "src/KpiGrpc.Storage.Sqlite/",
        ["Cli/"] = "src/KpiGrpc.Cli/",
    };

    private static readonly string[] Roots = ["src/", "tests/", "protos/", "clients/", "samples/", "docs/", "bench/", .. ProjectFolders.Keys];

    [Fact]
    public void ArchitectureGuide_EveryPathItNames_Exists()
    {
        var guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "ARCHITECTURE.md"));

        var paths = CodeSpans().Matches(guide).Select(match => match.Groups[1].Value)
            .Where(span => Roots.Any(root => span.StartsWith(root, StringComparison.Ordinal)))
            .Where(span => !span.Contains('<') && !span.Contains("...", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        var missing = paths.Where(path => !File.Exists(Resolve(path)) && !Directory.Exists(Resolve(path))).ToList();

        Assert.True(paths.Count > 20, $"the guide names only {paths.Count} paths: is it still there?");
        Assert.True(missing.Count == 0, $"docs/ARCHITECTURE.md names paths that do not exist: {string.Join(", ", missing)}");
    }

    private static string Resolve(string path)
    {
        var folder = ProjectFolders.FirstOrDefault(pair => path.StartsWith(pair.Key, StringComparison.Ordinal));
        var fromRoot = folder.Key is null ? path : folder.Value + path[folder.Key.Length..];
        return Path.Combine(RepoPaths.Root, fromRoot);
    }

    [GeneratedRegex("`([^`\\s]+)`")]
    private static partial Regex CodeSpans();
}
