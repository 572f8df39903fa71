using Google.Protobuf.WellKnownTypes;
using KpiGrpc.V1;

namespace KpiGrpc.Client;

/// <summary>One event of a watch: a snapshot that replaces what the caller holds, or an update of changed groups.</summary>
/// <param name="Response">The event as one message: as the server sent it, or the messages of an event it split merged in order.</param>
/// <param name="Reconnected">True on the snapshot that follows a reconnect: updates may have been missed, replace everything.</param>
public sealed record KpiWatchEvent(WatchKpisResponse Response, bool Reconnected = false)
{
    /// <summary>Snapshot or update.</summary>
    public WatchEventKind Kind => Response.Kind;

    /// <summary>True for a snapshot: every group of the window.</summary>
    public bool IsSnapshot => Response.Kind == WatchEventKind.Snapshot;

    /// <summary>All groups of a snapshot, or the changed groups of an update.</summary>
    public IReadOnlyList<KpiGroup> Groups => Response.Groups;

    /// <summary>When the server computed these figures.</summary>
    public Timestamp? ComputedAt => Response.ComputedAt;
}
