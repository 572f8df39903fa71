using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Ingest;

namespace KpiGrpc.Core.Records;

/// <summary>One dial attempt. <see cref="CallId"/> is the idempotency key.</summary>
/// <param name="TeamId">Empty when the dialer has no team for the operator.</param>
/// <param name="LeadId">Empty when unknown; informative only.</param>
public sealed record CallRecord(
    string CallId,
    string CampaignId,
    string OperatorId,
    string TeamId,
    string LeadId,
    DateTimeOffset StartedAt,
    CallOutcome Outcome,
    double TalkSeconds,
    bool RemovalRequested,
    int Revision) : IKeptCall<CallRecord>
{
    /// <summary>The rollup series this call counts in.</summary>
    public SeriesKey Series => new(CampaignId, TeamId, OperatorId);

    /// <summary>Talk time to the millisecond, as stores keep and count it.</summary>
    public long TalkMilliseconds => KpiCounters.ToMilliseconds(TalkSeconds);

    static bool IKeptCall<CallRecord>.SameContent(in CallRecord stored, in CallRecord incoming) => IngestRules.SameContent(stored, incoming);
}
