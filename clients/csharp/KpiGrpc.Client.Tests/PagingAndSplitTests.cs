using KpiGrpc.Client.Tests.Infrastructure;
using KpiGrpc.V1;
using static KpiGrpc.Client.Tests.Infrastructure.TestData;

namespace KpiGrpc.Client.Tests;

/// <summary>Answers the server sends in several pieces reach the caller whole.</summary>
public sealed class PagingAndSplitTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly KpiClient _client = new(fixture.ClientOptions());

    [Fact]
    public async Task QueryKpisAsync_PagesOfTwo_EveryGroupOnceInOrder()
    {
        // Arrange: 5 operators, so the server answers in pages of 2, 2 and 1.
        const string campaign = "paged";
        await _client.RecordCallsAsync(Enumerable.Range(1, 5).Select(i => Call($"p{i}", campaign, $"op-{i}", CallOutcome.Answered, 30)));
        var request = QueryOf(Day, campaign, GroupDimension.Operator);
        request.PageSize = 2;

        // Act
        var groups = await _client.QueryKpisAsync(request);

        // Assert
        Assert.Equal(["op-1", "op-2", "op-3", "op-4", "op-5"], groups.Select(group => group.Key.OperatorId));
        Assert.Equal("", request.PageToken);
    }

    [Fact]
    public async Task WatchKpisAsync_SnapshotSplitByTheServer_OneSnapshotEventWithEveryGroup()
    {
        // Arrange: 2,000 operators with 60-character ids, about 400 KB of groups: more than one
        // message at the server's default of 64 KiB.
        const string campaign = "split";
        var operators = Enumerable.Range(0, 2_000).Select(i => $"op-{i:D4}".PadRight(60, 'x')).ToList();
        await _client.RecordCallsAsync(operators.Select(op => Call($"s-{op}", campaign, op, CallOutcome.Pitched, 120)));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var watch = _client.WatchKpisAsync(IntegrationProofTests.WatchOf(campaign), stop.Token).GetAsyncEnumerator(stop.Token);

        // Act
        var snapshot = await watch.NextAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.True(snapshot.IsSnapshot);
        Assert.False(snapshot.Response.Continued);
        Assert.Equal(operators, snapshot.Groups.Select(group => group.Key.OperatorId));
    }

    public void Dispose() => _client.Dispose();
}
