namespace KpiGrpc.Core.Computing;

/// <summary>The 15-minute slots a computation's counts cover: its range when the query gives none.</summary>
internal sealed class SlotSpan
{
    /// <summary>The first slot counted, or long.MaxValue when none was.</summary>
    public long First { get; private set; } = long.MaxValue;

    /// <summary>The slot after the last one counted, or long.MinValue when none was.</summary>
    public long End { get; private set; } = long.MinValue;

    public bool IsEmpty => First > End;

    public void Widen(long slot)
    {
        First = Math.Min(First, slot);
        End = Math.Max(End, slot + 1);
    }
}
