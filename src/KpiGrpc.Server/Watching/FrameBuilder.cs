using Google.Protobuf;
using KpiGrpc.Core.Querying;
using KpiGrpc.Server.Mapping;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// Turns a feed's successive computations into frames. It keeps each group's serialized proto
/// while its figures stay the same (only a changed group is mapped again), and records in which
/// generation each group appeared, last changed or left, so that a watch at any earlier
/// generation can be sent exactly what changed since.
/// </summary>
public sealed class FrameBuilder(int maxMessageBytes)
{
    /// <summary>Removed groups remembered at least up to this many (more when the window has more groups).</summary>
    private const int MinRemembered = 1024;

    private Dictionary<GroupKey, FrameGroup> _live = [];
    private Dictionary<GroupKey, FrameGroup> _removed = [];
    private WatchWindow? _window;
    private long _generation;
    private long _historyStart;

    public WatchFrame Next(WatchWindow window, IReadOnlyList<KpiGroupResult> results, long changes, DateTimeOffset computedAt)
    {
        var generation = ++_generation;
        if (!window.SamePeriodAs(_window))
        {
            // A new period: every watch gets a snapshot, nothing before it is relevant.
            (_live, _removed, _historyStart) = ([], [], generation);
        }

        _window = window;
        var groups = new FrameGroup[results.Count];
        var live = new Dictionary<GroupKey, FrameGroup>(results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var key = GroupKey.Of(result);
            var figures = GroupFigures.Of(result);
            if (_live.Remove(key, out var previous))
            {
                groups[i] = previous.Figures == figures ? previous : Group(figures, KpiGroupMapper.ToProto(result), previous.AddedAt, generation);
            }
            else
            {
                _removed.Remove(key);
                groups[i] = Group(figures, KpiGroupMapper.ToProto(result), generation, generation);
            }

            live[key] = groups[i];
        }

        // What is left of the previous frame left the window now: sent with zero counts.
        foreach (var (key, gone) in _live)
        {
            _removed[key] = Group(GroupFigures.Emptied, KpiGroupMapper.ToProtoEmptied(gone.ToProto().Key), gone.AddedAt, generation);
        }

        _live = live;
        if (_removed.Count > Math.Max(MinRemembered, live.Count))
        {
            // Forgetting removals means a watch behind this generation must start over from a snapshot.
            (_removed, _historyStart) = ([], generation);
        }

        return new WatchFrame(generation, window, computedAt, changes, _historyStart, groups, [.. _removed.Values], maxMessageBytes);
    }

    private static FrameGroup Group(GroupFigures figures, V1.KpiGroup proto, long addedAt, long changedAt) =>
        new(figures, proto.ToByteArray(), addedAt, changedAt);
}
