using System.Collections;
using KpiGrpc.Server.Mapping;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// The messages of one event (a snapshot or an update), each of at most the configured size. A
/// split snapshot is a SNAPSHOT then UPDATEs, so a client unaware of <c>continued</c> still ends
/// up holding every group. A message is built from its groups' serialized protos when a watch
/// sends it and shared by the watches sending it meanwhile; once none holds it, it is garbage:
/// a feed never keeps the proto objects of its whole window, and a watch whose client stopped
/// reading holds one message.
/// </summary>
public sealed class WatchMessages : IReadOnlyList<V1.WatchKpisResponse>
{
    /// <summary>Room for the fields around the groups: kind, three timestamps and the continued flag.</summary>
    private const int HeaderBytes = 64;

    private readonly WatchFrame _frame;
    private readonly V1.WatchEventKind _kind;
    private readonly FrameGroup[][] _parts;
    private readonly WeakReference<V1.WatchKpisResponse>?[] _built;

    /// <summary>None for an update without groups, one for an empty snapshot.</summary>
    public WatchMessages(WatchFrame frame, V1.WatchEventKind kind, IEnumerable<FrameGroup> groups, int maxMessageBytes)
    {
        (_frame, _kind) = (frame, kind);
        _parts = Cut(kind, groups, maxMessageBytes);
        _built = new WeakReference<V1.WatchKpisResponse>?[_parts.Length];
    }

    public int Count => _parts.Length;

    public V1.WatchKpisResponse this[int index]
    {
        get
        {
            lock (_built)
            {
                if (_built[index] is { } built && built.TryGetTarget(out var shared))
                {
                    return shared;
                }

                var message = Build(index);
                _built[index] = new WeakReference<V1.WatchKpisResponse>(message);
                return message;
            }
        }
    }

    public IEnumerator<V1.WatchKpisResponse> GetEnumerator()
    {
        for (var i = 0; i < _parts.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static FrameGroup[][] Cut(V1.WatchEventKind kind, IEnumerable<FrameGroup> groups, int maxMessageBytes)
    {
        var parts = new List<FrameGroup[]>();
        var part = new List<FrameGroup>();
        var bytes = 0;
        foreach (var group in groups)
        {
            if (part.Count > 0 && bytes + group.Bytes > maxMessageBytes - HeaderBytes)
            {
                parts.Add([.. part]);
                part.Clear();
                bytes = 0;
            }

            part.Add(group);
            bytes += group.Bytes;
        }

        if (part.Count > 0 || (parts.Count == 0 && kind == V1.WatchEventKind.Snapshot))
        {
            parts.Add([.. part]);
        }

        return [.. parts];
    }

    private V1.WatchKpisResponse Build(int index)
    {
        var message = new V1.WatchKpisResponse
        {
            Kind = index == 0 ? _kind : V1.WatchEventKind.Update,
            WindowStart = ProtoTime.ToTimestamp(_frame.Window.Start),
            WindowEnd = _frame.Window.End is { } end ? ProtoTime.ToTimestamp(end) : null,
            ComputedAt = ProtoTime.ToTimestamp(_frame.ComputedAt),
            Continued = index < _parts.Length - 1,
        };
        foreach (var group in _parts[index])
        {
            message.Groups.Add(group.ToProto());
        }

        return message;
    }
}
