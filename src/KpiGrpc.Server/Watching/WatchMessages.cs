using KpiGrpc.Server.Mapping;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// Cuts an event into messages of at most the configured size. A split snapshot is a SNAPSHOT
/// then UPDATEs, so a client unaware of <c>continued</c> still ends up holding every group.
/// </summary>
public static class WatchMessages
{
    /// <summary>Room for the fields around the groups: kind, three timestamps and the continued flag.</summary>
    private const int HeaderBytes = 64;

    /// <summary>The messages of one event; none for an update without groups, one for an empty snapshot.</summary>
    public static IReadOnlyList<V1.WatchKpisResponse> Split(WatchFrame frame, V1.WatchEventKind kind, IEnumerable<FrameGroup> groups, int maxMessageBytes)
    {
        var messages = new List<V1.WatchKpisResponse>();
        V1.WatchKpisResponse? current = null;
        var bytes = 0;
        foreach (var group in groups)
        {
            if (current is null || (bytes + group.Bytes > maxMessageBytes - HeaderBytes && current.Groups.Count > 0))
            {
                current = Message(frame, messages.Count == 0 ? kind : V1.WatchEventKind.Update);
                messages.Add(current);
                bytes = 0;
            }

            current.Groups.Add(group.Proto);
            bytes += group.Bytes;
        }

        if (messages.Count == 0 && kind == V1.WatchEventKind.Snapshot)
        {
            messages.Add(Message(frame, kind));
        }

        for (var i = 0; i < messages.Count - 1; i++)
        {
            messages[i].Continued = true;
        }

        return messages;
    }

    private static V1.WatchKpisResponse Message(WatchFrame frame, V1.WatchEventKind kind) => new()
    {
        Kind = kind,
        WindowStart = ProtoTime.ToTimestamp(frame.Window.Start),
        WindowEnd = frame.Window.End is { } end ? ProtoTime.ToTimestamp(end) : null,
        ComputedAt = ProtoTime.ToTimestamp(frame.ComputedAt),
    };
}
