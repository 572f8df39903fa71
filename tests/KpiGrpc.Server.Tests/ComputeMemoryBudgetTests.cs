using Google.Rpc;
using Grpc.Core;
using KpiGrpc.Server.Limits;
using Microsoft.Extensions.DependencyInjection;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

/// <summary>The server-wide ComputeKpis memory budget (<c>Kpi:Limits:ComputeMemoryBytes</c>), here room for 100 distinct calls.</summary>
public sealed class ComputeMemoryBudgetTests : IAsyncLifetime
{
    private const long CallsThatFit = 100;

    private readonly BudgetedServer _server = new();

    private V1.ComputeService.ComputeServiceClient Compute => new(_server.Channel);

    [Fact]
    public async Task ComputeKpis_MoreDistinctCallsThanTheBudget_ResourceExhaustedAndItsMemoryReleased()
    {
        // Arrange: 60 calls fit, the next 90 do not
        var campaign = Unique("budget");
        var batches = new[] { Batch(campaign, 1, 0, 60), Batch(campaign, 2, 60, 90) };

        // Act: the second computation fits only if the first one's 60 calls were released
        var refused = await Assert.ThrowsAsync<RpcException>(() => ComputeStream.RunAsync(Compute, QueryOf(campaign), batches));
        var next = await ComputeStream.RunAsync(Compute, QueryOf(campaign), Batch(campaign, 1, 0, 60));

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        var info = refused.GetRpcStatus()!.GetDetail<ErrorInfo>()!;
        Assert.Equal("COMPUTE_MEMORY_BUDGET", info.Reason);
        Assert.Equal("100", info.Metadata["calls_that_fit"]);
        Assert.Contains("100 fit", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(60, next.Summary.Calls.Accepted);
        Assert.Equal(0, _server.Services.GetRequiredService<ComputeMemoryBudget>().Reserved);
    }

    [Fact]
    public async Task ComputeKpis_ExpectedCallsOverTheBudget_RefusedAtStart()
    {
        // Arrange
        var campaign = Unique("budget-hint");
        var query = QueryOf(campaign);
        query.ExpectedCalls = 1000;

        // Act
        var refused = await Assert.ThrowsAsync<RpcException>(() => ComputeStream.RunAsync(Compute, query, Batch(campaign, 1, 0, 1)));

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("COMPUTE_MEMORY_BUDGET", refused.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    private static V1.ComputeKpisBatch Batch(string campaign, long batchId, int first, int calls)
    {
        var batch = new V1.ComputeKpisBatch { BatchId = batchId };
        for (var i = first; i < first + calls; i++)
        {
            batch.Calls.Add(Call($"{campaign}-{i}", campaign, "op-1", V1.CallOutcome.Answered, Day.AddHours(9), talkSeconds: 30));
        }

        return batch;
    }

    private static V1.ComputeKpisQuery QueryOf(string campaign) => new()
    {
        From = At(Day),
        To = At(Day.AddDays(1)),
        Filter = new V1.KpiFilter { CampaignIds = { campaign } },
    };

    private sealed class BudgetedServer() : KpiServerFactory(new Dictionary<string, string?>
    {
        ["Kpi:Limits:ComputeMemoryBytes"] = (CallsThatFit * ComputeMemoryBudget.BytesPerCall).ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
