using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Computing;

/// <summary>
/// A call as a computation hands it to <see cref="IngestEngine"/>: the hash of its id, what the
/// call table keeps of it and, for a call just read, where its counters live (so the counting
/// loop's prefetch and its add hit the same place). A call read back from the table has no
/// located counters: <see cref="Column"/> is -1.
/// </summary>
internal readonly record struct ComputedCall(UInt128 IdHash, CountedCall Counted, int Column, int SlotOfDay) : IKeptCall<ComputedCall>
{
    public int Revision => Counted.Revision;

    public CallOutcome Outcome => Counted.Outcome;

    public bool RemovalRequested => Counted.RemovalRequested;

    public long TalkMilliseconds => Counted.TalkMilliseconds;

    /// <summary>A call kept in the table, its counters not located.</summary>
    public static ComputedCall Kept(UInt128 idHash, in CountedCall counted) => new(idHash, counted, -1, 0);

    public static bool SameContent(in ComputedCall stored, in ComputedCall incoming) =>
        stored.Counted.Fingerprint == incoming.Counted.Fingerprint;
}
