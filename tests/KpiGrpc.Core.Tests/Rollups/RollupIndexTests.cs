using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Core.Tests.Rollups;

public sealed class RollupIndexTests
{
    private static readonly SeriesKey Alice = new("camp-1", "team-1", "alice");
    private static readonly SeriesKey Bob = new("camp-1", "team-1", "bob");

    private static KpiCounters Dialed(long count) => KpiCounters.Zero with { Dialed = count };

    [Fact]
    public async Task ScanAsync_RowsAddedOutOfOrder_VisitsSlotsAscending()
    {
        // 15, 16 and 17 straddle a 16-slot chunk; 1000 is far away.
        var index = new RollupIndex();
        foreach (var slot in new long[] { 1000, 17, 15, 16 })
        {
            index.Add(Alice, slot, Dialed(slot));
        }

        var visits = await ScanAsync(index, 0, 100_000);

        Assert.Equal([(Alice, 15L), (Alice, 16L), (Alice, 17L), (Alice, 1000L)], visits.Select(v => (v.Series, v.Slot)));
        Assert.All(visits, v => Assert.Equal(v.Slot, v.Counters.Dialed));
    }

    [Fact]
    public async Task ScanAsync_Range_IncludesFromAndExcludesTo()
    {
        var index = new RollupIndex();
        foreach (var slot in new long[] { 9, 10, 11, 19, 20 })
        {
            index.Add(Alice, slot, Dialed(1));
        }

        var visits = await ScanAsync(index, 10, 20);

        Assert.Equal([10L, 11L, 19L], visits.Select(v => v.Slot));
    }

    [Fact]
    public async Task ScanAsync_SlotsBeforeTheEpoch_AreFoundInTheirChunk()
    {
        var index = new RollupIndex();
        index.Add(Alice, -17, Dialed(1));
        index.Add(Alice, -1, Dialed(1));
        index.Add(Alice, 0, Dialed(1));

        var visits = await ScanAsync(index, -20, 1);

        Assert.Equal([-17L, -1L, 0L], visits.Select(v => v.Slot));
    }

    [Fact]
    public async Task Apply_DeltaWithSeveralSeries_AddsToExistingRows()
    {
        var index = new RollupIndex();
        index.Add(Alice, 40, Dialed(2));
        var delta = new RollupDelta();
        delta.Add(Alice, 40, Dialed(3));
        delta.Add(Bob, 41, Dialed(1));

        index.Apply(delta);

        var visits = await ScanAsync(index, 0, 100);
        Assert.Equal(2, index.SeriesCount);
        Assert.Contains((Alice, 40L, 5L), visits.Select(v => (v.Series, v.Slot, v.Counters.Dialed)));
        Assert.Contains((Bob, 41L, 1L), visits.Select(v => (v.Series, v.Slot, v.Counters.Dialed)));
    }

    [Fact]
    public async Task Apply_NegativeDeltaCancellingARow_RowIsNoLongerVisited()
    {
        // A call corrected out of a slot leaves the slot empty, not a row of zeros.
        var index = new RollupIndex();
        index.Add(Alice, 40, Dialed(1) with { Connected = 1, TalkMilliseconds = 1234 });
        index.Add(Alice, 41, Dialed(1));
        var delta = new RollupDelta();
        delta.Add(Alice, 40, -(Dialed(1) with { Connected = 1, TalkMilliseconds = 1234 }));

        index.Apply(delta);

        var visits = await ScanAsync(index, 0, 100);
        Assert.Equal([41L], visits.Select(v => v.Slot));
    }

    [Fact]
    public void Add_ZeroCounters_CreatesNoSeries()
    {
        var index = new RollupIndex();

        index.Add(Alice, 40, KpiCounters.Zero);

        Assert.Equal(0, index.SeriesCount);
    }

    [Fact]
    public async Task ScanAsync_VisitorDeclinesASeries_SkipsItsSlots()
    {
        var index = new RollupIndex();
        index.Add(Alice, 40, Dialed(1));
        index.Add(Bob, 40, Dialed(1));

        var visits = await ScanAsync(index, 0, 100, accept: series => series != Bob);

        Assert.Equal([Alice], visits.Select(v => v.Series));
    }

    private static async Task<List<(SeriesKey Series, long Slot, KpiCounters Counters)>> ScanAsync(
        RollupIndex index, long from, long to, Func<SeriesKey, bool>? accept = null)
    {
        var visitor = new CollectingVisitor(accept ?? (_ => true));
        await index.ScanAsync(from, to, visitor, CancellationToken.None);
        return visitor.Visits;
    }

    private sealed class CollectingVisitor(Func<SeriesKey, bool> accept) : IRollupVisitor
    {
        private SeriesKey _current;

        public List<(SeriesKey Series, long Slot, KpiCounters Counters)> Visits { get; } = [];

        public bool BeginSeries(SeriesKey series)
        {
            _current = series;
            return accept(series);
        }

        public void Visit(long slot, in KpiCounters counters) => Visits.Add((_current, slot, counters));

        public void EndSeries()
        {
        }
    }
}
