namespace KpiGrpc.Client.Tests.Infrastructure;

/// <summary>Where the server build is, found by walking up from the test assembly to KpiGrpc.sln.</summary>
internal static class RepoPaths
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string Root { get; } = FindRoot();

    /// <summary>The server of the same configuration as the tests (the project reference builds it).</summary>
    public static string ServerDll
    {
        get
        {
            var path = Path.Combine(Root, "src", "KpiGrpc.Server", "bin", Configuration, "net10.0", "KpiGrpc.Server.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"the server is not built: expected {path}; build in {Configuration} first", path);
        }
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
