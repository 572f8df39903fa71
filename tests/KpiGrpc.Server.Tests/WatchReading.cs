using System.Diagnostics;
using Grpc.Core;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

/// <summary>Reading watch streams with a generous patience, for a loaded CI box.</summary>
internal static class WatchReading
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

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
