namespace KpiGrpc.Core.Computing;

/// <summary>What the first pass over a batch of calls works out for the counting loop; reused from batch to batch.</summary>
internal sealed class BatchPlan
{
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

    public void EnsureCapacity(int calls)
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
