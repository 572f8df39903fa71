using KpiGrpc.Cli.Watching;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Watching;

public sealed class WatchEventKindsTests
{
    [Fact]
    public void IsSnapshot_SnapshotSplitOverThreeMessagesThenAnUpdate_LabelsThePartsSnapshot()
    {
        var kinds = new WatchEventKinds();
        WatchKpisResponse[] stream =
        [
            new() { Kind = WatchEventKind.Snapshot, Continued = true },
            new() { Kind = WatchEventKind.Update, Continued = true },
            new() { Kind = WatchEventKind.Update, Continued = false },
            new() { Kind = WatchEventKind.Update },
        ];

        var labels = stream.Select(kinds.IsSnapshot).ToList();

        Assert.Equal([true, true, true, false], labels);
    }

    [Fact]
    public void IsSnapshot_WholeSnapshotThenUpdates_OnlyTheFirstIsSnapshot()
    {
        var kinds = new WatchEventKinds();

        var labels = new[] { WatchEventKind.Snapshot, WatchEventKind.Update, WatchEventKind.Update }
            .Select(kind => kinds.IsSnapshot(new WatchKpisResponse { Kind = kind }))
            .ToList();

        Assert.Equal([true, false, false], labels);
    }
}
