namespace KpiGrpc.EndToEnd.Tests;

/// <summary>A server that cannot start says why and exits with 1, never with an unhandled exception's 134.</summary>
public sealed class StartupRefusalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kpi-refusal-").FullName;

    [Fact]
    public async Task Start_DataDirectoryInUse_ExitsWithOneAndSaysSo()
    {
        // Arrange
        var data = Path.Combine(_directory, "data");
        await using var first = await KpiServerProcess.StartAsync(data);

        // Act
        var (exitCode, output) = await KpiServerProcess.RunUntilExitAsync(data);

        // Assert
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains("is in use by another KpiGrpc server", output);
    }

    [Fact]
    public async Task Start_InvalidSetting_ExitsWithOneNamingIt()
    {
        // Act
        var (exitCode, output) = await KpiServerProcess.RunUntilExitAsync(
            Path.Combine(_directory, "data"), ["--Kpi:Watch:DefaultCoalesceInterval", "00:05:00"]);

        // Assert
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains("Kpi:Watch:DefaultCoalesceInterval", output);
    }

    [Fact]
    public async Task Start_StoreCannotOpen_ExitsWithOneNamingThePath()
    {
        // Arrange: the data directory is a file.
        var file = Path.Combine(_directory, "not-a-directory");
        await File.WriteAllTextAsync(file, "");

        // Act
        var (exitCode, output) = await KpiServerProcess.RunUntilExitAsync(file);

        // Assert
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains(file, output);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
