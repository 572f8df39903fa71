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
    public void ProtoComments_EveryBatchLimitTheyState_IsTheClientMaxBatchSize()
    {
        // Arrange: "at most 50,000" in the comments every generated client carries.
        var protos = Directory.GetFiles(Path.Combine(RepoPaths.Root, "protos", "kpi", "v1"), "*.proto");

        // Act
        var stated = protos.SelectMany(p => AtMost().Matches(File.ReadAllText(p)))
            .Select(m => int.Parse(m.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

        // Assert
        Assert.NotEmpty(stated);
        Assert.All(stated, limit => Assert.Equal(KpiClientOptionsValidator.MaxBatchSize, limit));
    }

    /// <summary>A count of records: "at most 50,000 records", "(at most 50,000)", "at most 50,000." (not "at most 3 years").</summary>
    [GeneratedRegex(@"at most ([0-9][0-9,]*)(?: records|\)|\.)", RegexOptions.CultureInvariant)]
    private static partial Regex AtMost();
}
