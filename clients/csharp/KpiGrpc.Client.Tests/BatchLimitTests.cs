using System.Text.RegularExpressions;
using Grpc.Core;
using KpiGrpc.Client.Tests.Infrastructure;
using KpiGrpc.V1;
using static KpiGrpc.Client.Tests.Infrastructure.TestData;

namespace KpiGrpc.Client.Tests;

/// <summary>
/// The client's copy of the batch limit (<see cref="KpiClientOptionsValidator.MaxBatchSize"/>)
/// is the limit the server enforces and the one the .proto documents for every language.
/// </summary>
public sealed partial class BatchLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task RecordCallsAsync_ClientMaxBatchSize_ServerStoresItAndRefusesOneCallMore()
    {
        // Arrange: a minute-long deadline, a full batch takes a while to store on a busy machine.
        var options = fixture.ClientOptions();
        options.CallDeadline = TimeSpan.FromMinutes(1);
        using var client = new KpiClient(options);
        var calls = Enumerable.Range(0, KpiClientOptionsValidator.MaxBatchSize + 1)
            .Select(i => Call($"limit-{i}", "batch-limit", $"op-{i % 50}", CallOutcome.NoAnswer, minute: i % 60))
            .ToList();

        // Act
        var full = await client.RecordCallsAsync(calls.Take(KpiClientOptionsValidator.MaxBatchSize));
        var over = await Assert.ThrowsAsync<RpcException>(() => client.RecordCallsAsync(calls));

        // Assert
        Assert.Equal(KpiClientOptionsValidator.MaxBatchSize, full.Accepted);
        Assert.Equal(StatusCode.InvalidArgument, over.StatusCode);
        Assert.Contains($"at most {KpiClientOptionsValidator.MaxBatchSize} records", over.Status.Detail);
    }

    [Fact]
    public void Documentation_EveryBatchLimitItStates_IsTheClientMaxBatchSize()
    {
        // Arrange: "at most 50,000" in the .proto comments every generated client carries, and in
        // the hand-written clients and their READMEs (generated code is left to the .proto).
        var root = RepoPaths.Root;
        var files = Files(root, "protos/kpi/v1", "*.proto")
            .Concat(Files(root, "clients", "README.md", SearchOption.AllDirectories))
            .Concat(Files(root, "clients/csharp/KpiGrpc.Client", "*.cs"))
            .Concat(Files(root, "clients/node/src", "*.ts"))
            .Concat(Files(root, "clients/python/kpigrpc", "*.py"))
            .Concat(Files(root, "clients/java/src/main", "*.java", SearchOption.AllDirectories))
            .Concat(Files(root, "clients/go/kpiclient", "*.go"))
            .Where(path => !path.Contains("node_modules", StringComparison.Ordinal))
            .ToList();

        // Act
        var stated = files.SelectMany(path => AtMost().Matches(File.ReadAllText(path)).Select(match => (path, match.Groups[1].Value)))
            .ToList();

        // Assert
        Assert.Contains(stated, s => s.path.EndsWith("ingest.proto", StringComparison.Ordinal));
        Assert.All(stated, s => Assert.True(
            int.Parse(s.Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture) == KpiClientOptionsValidator.MaxBatchSize,
            $"{s.path} says at most {s.Value}"));
    }

    private static IEnumerable<string> Files(string root, string folder, string pattern, SearchOption option = SearchOption.TopDirectoryOnly)
    {
        var path = Path.Combine(root, folder);
        return Directory.Exists(path) ? Directory.EnumerateFiles(path, pattern, option) : [];
    }

    /// <summary>A count of records: "at most 50,000 records", "(at most 50,000)", "at most 50,000." (not "at most 3 years").</summary>
    [GeneratedRegex(@"at most ([0-9][0-9,]*)(?: records|\)|\.)", RegexOptions.CultureInvariant)]
    private static partial Regex AtMost();
}
