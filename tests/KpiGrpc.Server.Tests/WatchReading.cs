using System.Diagnostics;
using Grpc.Core;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

/// <summary>Reading watch streams with a generous patience, for a loaded CI box.</summary>
internal static class WatchReading
{
    // The compute budget (Kpi:Watch:MaxComputeShare, 0.2) rests a feed four times as long as its
    // last computation: a snapshot of thousands of groups computed in 2.5 s on a box loaded 20
    // times over holds the next update 10 s. Patience only matters when a test is failing anyway.
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static V1.WatchKpisRequest Since(DateTimeOffset since, string campaign, params V1.GroupDimension[] groupBy) => new()
    {
        Since = At(since),
        Filter = new V1.KpiFilter { CampaignIds = { campaign } },
        GroupBy = { groupBy },
    };

    public static async Task<V1.WatchKpisResponse> NextAsync(AsyncServerStreamingCall<V1.WatchKpisResponse> watch)
    {
        var next = watch.ResponseStream.MoveNext();
        var finished = await Task.WhenAny(next, Task.Delay(Patience));
        Assert.True(finished == next, $"no watch message within {Patience.TotalSeconds} s");
        Assert.True(await next, "the watch stream ended");
        return watch.ResponseStream.Current;
    }

    /// <summary>The messages of one event: up to and including the first with continued false.</summary>
    public static async Task<List<V1.WatchKpisResponse>> NextEventAsync(AsyncServerStreamingCall<V1.WatchKpisResponse> watch)
    {
        var messages = new List<V1.WatchKpisResponse> { await NextAsync(watch) };
        while (messages[^1].Continued)
        {
            messages.Add(await NextAsync(watch));
        }

        return messages;
    }

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition() && deadline.Elapsed < Patience)
        {
            await Task.Delay(20);
        }
    }
}
