using Google.Protobuf.WellKnownTypes;
using KpiGrpc.V1;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>Started from any directory, the server reads the appsettings.json beside it and does not log each request.</summary>
public sealed class WorkingDirectoryTests : IDisposable
{
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("kpi-elsewhere-").FullName;

    [Fact]
    public async Task Start_FromAnotherWorkingDirectory_UsesItsOwnSettingsAndLogsNoRequest()
    {
        // Arrange
        var server = await KpiServerProcess.StartAsync(Path.Combine(_elsewhere, "data"), workingDirectory: _elsewhere);
        string output;
        await using (server)
        {
            // Act: a few requests, then a clean stop so that every log line is written.
            var kpis = new KpiService.KpiServiceClient(server.Channel);
            for (var i = 0; i < 3; i++)
            {
                await kpis.QueryKpisAsync(new QueryKpisRequest
                {
                    From = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 2, 19, 0, 0, 0, TimeSpan.Zero)),
                    To = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 2, 20, 0, 0, 0, TimeSpan.Zero)),
                });
            }

            await server.TerminateAsync();
            await server.WaitForExitAsync(TimeSpan.FromMinutes(2));
            output = server.Output;
        }

        // Assert
        var applicationDirectory = Path.GetDirectoryName(RepoPaths.ServerDll)!;
        Assert.Contains($"Content root path: {applicationDirectory}", output);
        Assert.DoesNotContain("Request starting", output);
        Assert.DoesNotContain("Request finished", output);
    }

    public void Dispose() => Directory.Delete(_elsewhere, recursive: true);
}
