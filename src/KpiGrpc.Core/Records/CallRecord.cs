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
    int Revision)
{
    /// <summary>The rollup series this call counts in.</summary>
    public SeriesKey Series => new(CampaignId, TeamId, OperatorId);
}
