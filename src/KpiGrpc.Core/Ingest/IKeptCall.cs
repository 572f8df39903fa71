using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Ingest;

/// <summary>
/// A call as a store keeps it, seen by <see cref="IngestEngine"/>: what the rules read to
/// decide between two copies and to count it. A store keeps <see cref="CallRecord"/>s; a
/// computation keeps a compact form with a fingerprint of the content.
/// </summary>
public interface IKeptCall<TSelf>
    where TSelf : IKeptCall<TSelf>
{
    int Revision { get; }

    CallOutcome Outcome { get; }

    bool RemovalRequested { get; }

    long TalkMilliseconds { get; }

    /// <summary>Whether two copies of a call have the same <see cref="CallContent{TSeries, TLead}"/> (revision aside).</summary>
    static abstract bool SameContent(in TSelf stored, in TSelf incoming);
}
