namespace KpiGrpc.Server.Watching;

/// <summary>
/// One computation of a feed, immutable and shared by its watches: the groups of the window,
/// the groups that left it, and the messages that bring a watch from where it is to here. The
/// snapshot and the update from the previous frame are cut once, for every watch that needs them
/// (their messages are built as they are sent, see <see cref="WatchMessages"/>).
/// </summary>
public sealed class WatchFrame
{
    private readonly int _maxMessageBytes;
    private readonly Lazy<WatchMessages> _snapshot;
    private readonly Lazy<WatchMessages> _updateFromPrevious;

    public WatchFrame(
        long generation, WatchWindow window, DateTimeOffset computedAt, long changes, long historyStart,
        IReadOnlyList<FrameGroup> groups, IReadOnlyList<FrameGroup> removed, int maxMessageBytes)
    {
        (Generation, Window, ComputedAt, Changes, HistoryStart, Groups, Removed) = (generation, window, computedAt, changes, historyStart, groups, removed);
        _maxMessageBytes = maxMessageBytes;
        _snapshot = new(() => new WatchMessages(this, V1.WatchEventKind.Snapshot, Groups, maxMessageBytes));
        _updateFromPrevious = new(() => UpdateSince(generation - 1));
    }

    /// <summary>Rises by one with each computation of the feed.</summary>
    public long Generation { get; }

    public WatchWindow Window { get; }

    public DateTimeOffset ComputedAt { get; }

    /// <summary>The feed's change count this frame includes (see <see cref="WatchSubscription.ChangeCount"/>).</summary>
    public long Changes { get; }

    /// <summary>The oldest generation an update can start from; a watch further behind gets a snapshot.</summary>
    public long HistoryStart { get; }

    /// <summary>The window's groups, in query order.</summary>
    public IReadOnlyList<FrameGroup> Groups { get; }

    /// <summary>Groups that left the window since <see cref="HistoryStart"/>, as emptied groups.</summary>
    public IReadOnlyList<FrameGroup> Removed { get; }

    /// <summary>
    /// What a watch sends to reach this frame from the one it sent last (generation
    /// <paramref name="sentGeneration"/> over <paramref name="sentWindow"/>; null before its first):
    /// a snapshot, or the groups changed since, or nothing when none changed.
    /// </summary>
    public WatchMessages MessagesAfter(long sentGeneration, WatchWindow? sentWindow)
    {
        if (!Window.SamePeriodAs(sentWindow) || sentGeneration < HistoryStart)
        {
            return _snapshot.Value;
        }

        return sentGeneration == Generation - 1 ? _updateFromPrevious.Value : UpdateSince(sentGeneration);
    }

    private WatchMessages UpdateSince(long generation)
    {
        var changed = Groups.Where(group => group.ChangedAt > generation)
            .Concat(Removed.Where(group => group.ChangedAt > generation && group.AddedAt <= generation));
        return new WatchMessages(this, V1.WatchEventKind.Update, changed, _maxMessageBytes);
    }
}
