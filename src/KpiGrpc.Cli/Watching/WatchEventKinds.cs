using KpiGrpc.V1;

namespace KpiGrpc.Cli.Watching;

/// <summary>
/// What each watch message is part of: a snapshot split over several messages starts with a
/// SNAPSHOT and goes on in UPDATEs marked continued, up to the first one not continued.
/// </summary>
internal sealed class WatchEventKinds
{
    private bool _inSnapshot;

    /// <summary>True when <paramref name="response"/> belongs to a snapshot (its first message or a continuation).</summary>
    public bool IsSnapshot(WatchKpisResponse response)
    {
        var snapshot = response.Kind == WatchEventKind.Snapshot || _inSnapshot;
        _inSnapshot = snapshot && response.Continued;
        return snapshot;
    }
}
