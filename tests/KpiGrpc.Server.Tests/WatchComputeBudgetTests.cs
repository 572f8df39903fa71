using System.Diagnostics;
using KpiGrpc.Server.Watching;

namespace KpiGrpc.Server.Tests;

public sealed class WatchComputeBudgetTests
{
    [Fact]
    public async Task RunAsync_ShareOfATenth_NextComputationStartsNineDurationsAfterTheLastEnded()
    {
        // Arrange: a lower bound only, which a loaded machine can only make longer.
        var budget = new WatchComputeBudget(share: 0.1);
        var clock = Stopwatch.StartNew();
        TimeSpan firstTook = default, firstEnded = default, secondStarted = default;

        // Act
        await budget.RunAsync(async token =>
        {
            var started = clock.Elapsed;
            await Task.Delay(50, token);
            firstEnded = clock.Elapsed;
            firstTook = firstEnded - started;
            return 0;
        }, CancellationToken.None);
        await budget.RunAsync(token =>
        {
            secondStarted = clock.Elapsed;
            return Task.FromResult(0);
        }, CancellationToken.None);

        // Assert
        Assert.True(secondStarted - firstEnded >= firstTook * 9 * 0.99, $"first took {firstTook.TotalMilliseconds:0} ms, pause {(secondStarted - firstEnded).TotalMilliseconds:0} ms");
    }
}
