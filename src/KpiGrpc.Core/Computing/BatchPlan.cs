using System.Runtime.InteropServices;
using System.Text;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;
using KpiGrpc.Core.Validation;

namespace KpiGrpc.Core.Computing;

/// <summary>
/// A first pass over a batch of calls: each call's id hash, series (-1 when its campaign, team or
/// operator id needs the full check), instant and slot, so that the counting loop can prefetch
/// the table entry and the counters of the calls a few places ahead of itself. Reused from batch
/// to batch.
/// </summary>
internal sealed class BatchPlan(SeriesCounters counters)
{
    // (campaign, team, operator) indexes of the current batch -> series; cleared for each batch.
    private readonly Dictionary<long, int> _seriesOfBatch = [];

    // Per operator index of the current batch, the key and series of its previous call: an
    // operator mostly stays on one campaign and team, so most calls skip the dictionary.
    private (long Key, int Series)[] _seriesOfOperator = [];

    /// <summary>The 128-bit hash of each call_id.</summary>
    public UInt128[] Hashes { get; private set; } = [];

    /// <summary>Each call's series, or -1 when its ids need the full check first.</summary>
    public int[] Series { get; private set; } = [];

    /// <summary>Each call's started_at, read once from the columns.</summary>
    public DateTimeOffset[] StartedAt { get; private set; } = [];

    /// <summary>Each call's 15-minute slot.</summary>
    public long[] Slots { get; private set; } = [];

    /// <summary>Each call's day column in the counters (<see cref="SeriesCounters.Locate"/>), or -1 for an instant the validator refuses.</summary>
    public int[] Columns { get; private set; } = [];

    /// <summary>Each call's slot within its day.</summary>
    public int[] SlotsOfDay { get; private set; } = [];

    public void Plan<TCalls>(TCalls calls, BatchIds ids, DateTimeOffset now)
        where TCalls : ICallColumns
    {
        EnsureCapacity(calls.Count);
        if (calls.Ids.Count >= KpiComputation.MaxBatchIds)
        {
            throw new ArgumentException($"A batch of calls refers to at most {KpiComputation.MaxBatchIds - 1} distinct ids, not {calls.Ids.Count}.", nameof(calls));
        }

        _seriesOfBatch.Clear();
        if (_seriesOfOperator.Length < calls.Ids.Count)
        {
            _seriesOfOperator = new (long, int)[Math.Max(calls.Ids.Count, _seriesOfOperator.Length * 2)];
        }

        _seriesOfOperator.AsSpan(0, calls.Ids.Count).Fill((-1, -1));
        for (var index = 0; index < calls.Count; index++)
        {
            Hashes[index] = CallIdHash.Of(calls.CallId(index));
            int campaign = calls.CampaignIndex(index), team = calls.TeamIndex(index), @operator = calls.OperatorIndex(index);
            // The three indexes packed in one key (each below 2^21): cheaper to hash than a tuple.
            var key = ((long)campaign << 42) | ((long)(team + 1) << 21) | (long)@operator;
            ref var previous = ref _seriesOfOperator[@operator];
            if (previous.Key != key)
            {
                ref var series = ref CollectionsMarshal.GetValueRefOrAddDefault(_seriesOfBatch, key, out var known);
                if (!known)
                {
                    series = ids.AreValid(campaign, team, @operator) ? SeriesOf(calls, index) : -1;
                }

                previous = (key, series);
            }

            Series[index] = previous.Series;
            var startedAt = StartedAt[index] = calls.StartedAt(index);
            var slot = Slots[index] = TimeBuckets.SlotOf(startedAt);
            // Only instants the validator can accept get a day column: a file of garbage dates
            // must not grow the counters' day table (it is sized by the days it holds).
            (Columns[index], SlotsOfDay[index]) = RecordValidator.IsAcceptedInstant(startedAt, now) ? counters.Locate(slot) : (-1, 0);
        }
    }

    /// <summary>The series of the call at <paramref name="index"/> (created on first use).</summary>
    public int SeriesOf<TCalls>(TCalls calls, int index)
        where TCalls : ICallColumns =>
        counters.IndexOf(calls.Ids[calls.CampaignIndex(index)], TeamId(calls, index), calls.Ids[calls.OperatorIndex(index)]);

    /// <summary>The call at <paramref name="index"/> as a record: for the validator's full checks and messages.</summary>
    public static CallRecord ToRecord<TCalls>(TCalls calls, int index)
        where TCalls : ICallColumns =>
        new(
            Encoding.UTF8.GetString(calls.CallId(index)),
            calls.Ids[calls.CampaignIndex(index)],
            calls.Ids[calls.OperatorIndex(index)],
            TeamId(calls, index),
            Encoding.UTF8.GetString(calls.LeadId(index)),
            calls.StartedAt(index),
            calls.Outcome(index),
            calls.TalkSeconds(index),
            calls.RemovalRequested(index),
            calls.Revision(index));

    private static string TeamId<TCalls>(TCalls calls, int index)
        where TCalls : ICallColumns => calls.TeamIndex(index) is var team and >= 0 ? calls.Ids[team] : "";

    private void EnsureCapacity(int calls)
    {
        if (Hashes.Length < calls)
        {
            Hashes = new UInt128[calls];
            Series = new int[calls];
            StartedAt = new DateTimeOffset[calls];
            Slots = new long[calls];
            Columns = new int[calls];
            SlotsOfDay = new int[calls];
        }
    }
}
