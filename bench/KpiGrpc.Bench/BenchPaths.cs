namespace KpiGrpc.Bench;

/// <summary>Where the server build is, and scratch data directories that clean up after themselves.</summary>
public static class BenchPaths
{
    public static string ServerDll(string? overridePath)
    {
        var path = overridePath ?? Path.Combine(RepositoryRoot(), "src", "KpiGrpc.Server", "bin", "Release", "net10.0", "KpiGrpc.Server.dll");
        return File.Exists(path)
            ? Path.GetFullPath(path)
            : throw new FileNotFoundException($"no server build at {path}: run `dotnet build -c Release src/KpiGrpc.Server` first (or pass --server-dll)");
    }

    public static ScratchDirectory NewDataDirectory(string purpose) =>
        new(Directory.CreateTempSubdirectory($"kpigrpc-bench-{purpose}-").FullName);

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KpiGrpc.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}

/// <summary>A temporary directory deleted on dispose.</summary>
public sealed class ScratchDirectory(string path) : IDisposable
{
    public string Path { get; } = path;

    /// <summary>Bytes of all files inside, e.g. the database and its WAL.</summary>
    public long SizeInBytes => new DirectoryInfo(Path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing its files: leave the temp folder to the OS.
        }
    }
}
