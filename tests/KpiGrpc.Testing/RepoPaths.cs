namespace KpiGrpc.Testing;

/// <summary>Where the server and CLI builds and the samples are, found by walking up from the test assembly to KpiGrpc.sln.</summary>
public static class RepoPaths
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string Root { get; } = FindRoot();

    public static string ServerDll => Output("KpiGrpc.Server", "KpiGrpc.Server.dll");

    public static string CliDll => Output("KpiGrpc.Cli", "kpi.dll");

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The project's build of the same configuration as the tests (both are built by the project references).</summary>
    private static string Output(string project, string dll)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{dll} is not built: expected {path}; build the solution in {Configuration} first", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KpiGrpc.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no KpiGrpc.sln above {AppContext.BaseDirectory}");
    }
}
