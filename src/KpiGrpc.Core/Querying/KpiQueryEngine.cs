using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Core.Querying;

/// <summary>Answers KPI queries from 15-minute rollups, never from raw calls.</summary>
public sealed class KpiQueryEngine(IRollupSource rollups, BenchmarkCatalog benchmarks)
{
    public async Task<IReadOnlyList<KpiGroupResult>> QueryAsync(KpiQuery query, CancellationToken cancellationToken)
    {
        Validate(query);
        var timeline = new QueryTimeline(query);
        var aggregator = new GroupAggregator(query, timeline);
        await rollups.ScanAsync(timeline.FromSlot, timeline.ToSlot, aggregator, cancellationToken).ConfigureAwait(false);
        return aggregator.Results(BenchmarksFor(query));
    }

    public static void Validate(KpiQuery query)
    {
        if (query.From == default)
        {
            throw new KpiRequestException("from", "from is required");
        }

        if (query.To == default)
        {
            throw new KpiRequestException("to", "to is required");
        }

        if (query.To <= query.From)
        {
            throw new KpiRequestException("to", $"to ({query.To:O}) must be after from ({query.From:O})");
        }

        if (query.To - query.From > KpiQuery.MaxRange)
        {
            throw new KpiRequestException("to", $"a query covers at most {KpiQuery.MaxRange.TotalDays:0} days; split the range");
        }

        ValidateBound("from", query.From);
        ValidateBound("to", query.To);
    }

    /// <summary>Throws unless <paramref name="instant"/> starts a 15-minute slot: rollups cannot be cut inside one.</summary>
    public static void ValidateBound(string field, DateTimeOffset instant)
    {
        if (!TimeBuckets.IsSlotBoundary(instant))
        {
            throw new KpiRequestException(field, $"{field} ({instant:O}) must fall on a 15-minute boundary (e.g. 10:00, 10:15): KPIs are kept per 15-minute slot");
        }
    }

    private Func<string?, BenchmarkSet> BenchmarksFor(KpiQuery query)
    {
        // A group judged against one campaign's overrides must be that campaign alone.
        var onlyCampaign = query.Filter.CampaignIds.Count == 1 ? query.Filter.CampaignIds.First() : null;
        return groupCampaign => benchmarks.For(groupCampaign ?? onlyCampaign);
    }

    private sealed class GroupAggregator(KpiQuery query, QueryTimeline timeline) : IRollupVisitor
    {
        private readonly Dictionary<(string? Operator, string? Team, string? Campaign, int LocalBucket), int> _groupIndex = [];
        private readonly List<(string? Operator, string? Team, string? Campaign, int LocalBucket)> _groups = [];

        // Grouping by weekday or hour: a series' slots fall in several groups, one per local bucket
        // (hour of the week, day of the week or hour of the day); else every bucket is NoBucket.
        private const int NoBucket = -1;
        private readonly bool _byLocalTime = (query.GroupBy & (GroupDimensions.Weekday | GroupDimensions.HourOfDay)) != 0;
        private (string? Operator, string? Team, string? Campaign) _seriesGroup;
        private int _bucket = NoBucket;
        private readonly Dictionary<(int Group, int Period), KpiCounters> _totals = [];
        private readonly Dictionary<(int Group, int Segment, string Operator), (long First, long Last)> _callSpans = [];

        private SeriesKey _series;
        private int _group;
        private int _segment = -1;
        private long _segmentEnd = long.MinValue;
        private long _firstCallSlot = long.MaxValue;
        private long _lastCallSlot = long.MinValue;
        private int _period = -1;

        // The current series' sum for the current period, added to _totals when the period changes.
        private KpiCounters _periodTotal;

        private bool ExcludesSessionOnlySeries =>
            query.Filter.RestrictsCampaigns || query.GroupBy.HasFlag(GroupDimensions.Campaign);

        public bool BeginSeries(SeriesKey series)
        {
            // Sessions without a campaign cannot be attributed to one.
            if (!query.Filter.Includes(series) || (series.CampaignId.Length == 0 && ExcludesSessionOnlySeries))
            {
                return false;
            }

            _series = series;
            _seriesGroup = (
                query.GroupBy.HasFlag(GroupDimensions.Operator) ? series.OperatorId : null,
                query.GroupBy.HasFlag(GroupDimensions.Team) ? series.TeamId : null,
                query.GroupBy.HasFlag(GroupDimensions.Campaign) ? series.CampaignId : null);
            _bucket = NoBucket;
            _group = _byLocalTime ? -1 : GroupOf(NoBucket);
            _segment = -1;
            _segmentEnd = long.MinValue;
            _period = -1;
            return true;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Visit(long slot, in KpiCounters counters)
        {
            // Slots arrive in ascending order: only a slot past the current segment needs a look-up.
            if (slot >= _segmentEnd)
            {
                FlushCallSpan();
                _segment = timeline.SegmentOf(slot, _segment);
                _segmentEnd = timeline.SegmentEnd(_segment);
                var period = timeline.PeriodOfSegment(_segment);
                if (period != _period)
                {
                    FlushPeriodTotal();
                    _period = period;
                }
            }

            if (_byLocalTime)
            {
                var bucket = LocalBucketOf(slot);
                if (bucket != _bucket)
                {
                    // What the series counted in its previous local hour belongs to that hour's group.
                    FlushCallSpan();
                    FlushPeriodTotal();
                    _bucket = bucket;
                    _group = GroupOf(bucket);
                }
            }

            _periodTotal += counters;
            if (counters.Dialed > 0)
            {
                _firstCallSlot = Math.Min(_firstCallSlot, slot);
                _lastCallSlot = Math.Max(_lastCallSlot, slot);
            }
        }

        public void EndSeries()
        {
            FlushCallSpan();
            FlushPeriodTotal();
        }

        private int GroupOf(int bucket)
        {
            var key = (_seriesGroup.Operator, _seriesGroup.Team, _seriesGroup.Campaign, bucket);
            if (!_groupIndex.TryGetValue(key, out var group))
            {
                group = _groups.Count;
                _groupIndex[key] = group;
                _groups.Add(key);
            }

            return group;
        }

        /// <summary>The slot's local hour of the week, day of the week or hour of the day, as the query groups.</summary>
        private int LocalBucketOf(long slot)
        {
            var hourOfWeek = timeline.HourOfWeek(slot);
            return (query.GroupBy & (GroupDimensions.Weekday | GroupDimensions.HourOfDay)) switch
            {
                GroupDimensions.Weekday => hourOfWeek / 24,
                GroupDimensions.HourOfDay => hourOfWeek % 24,
                _ => hourOfWeek,
            };
        }

        private void FlushPeriodTotal()
        {
            if (_period >= 0 && _group >= 0)
            {
                ref var total = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_totals, (_group, _period), out _);
                total += _periodTotal;
            }

            _periodTotal = KpiCounters.Zero;
        }

        private void FlushCallSpan()
        {
            if (_firstCallSlot <= _lastCallSlot && _group >= 0)
            {
                ref var span = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(
                    _callSpans, (_group, _segment, _series.OperatorId), out var existed);
                span = existed
                    ? (Math.Min(span.First, _firstCallSlot), Math.Max(span.Last, _lastCallSlot))
                    : (_firstCallSlot, _lastCallSlot);
            }

            _firstCallSlot = long.MaxValue;
            _lastCallSlot = long.MinValue;
        }

        public IReadOnlyList<KpiGroupResult> Results(Func<string?, BenchmarkSet> benchmarksFor)
        {
            // Estimated logged time: each operator's first to last call slot, per local day (and period).
            var estimatedSlots = new Dictionary<(int Group, int Period), long>();
            foreach (var ((group, segment, _), (first, last)) in _callSpans)
            {
                var key = (group, timeline.PeriodOfSegment(segment));
                estimatedSlots[key] = estimatedSlots.GetValueOrDefault(key) + (last - first + 1);
            }

            var results = new List<KpiGroupResult>(_totals.Count);
            foreach (var ((group, period), counters) in _totals)
            {
                if (counters.IsZero)
                {
                    continue;
                }

                var estimated = counters.LoggedMilliseconds == 0 && estimatedSlots.ContainsKey((group, period));
                var loggedHours = estimated
                    ? estimatedSlots[(group, period)] * TimeBuckets.SlotSeconds / 3600.0
                    : counters.LoggedHours;
                var (operatorId, teamId, campaignId, bucket) = _groups[group];
                var (start, end) = timeline.Periods[period];
                var hasPeriod = query.Granularity != Granularity.None;
                results.Add(new KpiGroupResult(
                    operatorId, teamId, campaignId,
                    hasPeriod ? start : null, hasPeriod ? end : null,
                    counters, loggedHours, estimated,
                    KpiCalculator.Compute(counters, loggedHours, benchmarksFor(campaignId)))
                {
                    Weekday = query.GroupBy.HasFlag(GroupDimensions.Weekday)
                        ? LocalHour.DayOfHourOfWeek(query.GroupBy.HasFlag(GroupDimensions.HourOfDay) ? bucket : bucket * 24)
                        : null,
                    HourOfDay = query.GroupBy.HasFlag(GroupDimensions.HourOfDay) ? bucket % 24 : null,
                });
            }

            results.Sort(static (a, b) => GroupKey.Of(a).CompareTo(GroupKey.Of(b)));
            return results;
        }
    }
}
