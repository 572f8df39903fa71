namespace KpiGrpc.Core.Records;

/// <summary>
/// The values of one call without a <see cref="CallRecord"/> object: what a hot path that reads
/// calls by the million (a stateless computation) validates and counts without allocating.
/// </summary>
public readonly record struct CallValues(
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
    public static CallValues From(CallRecord call) => new(
        call.CallId, call.CampaignId, call.OperatorId, call.TeamId, call.LeadId,
        call.StartedAt, call.Outcome, call.TalkSeconds, call.RemovalRequested, call.Revision);

    /// <summary>The same call as a record, for paths that store it.</summary>
    public CallRecord ToRecord() => new(
        CallId, CampaignId, OperatorId, TeamId, LeadId, StartedAt, Outcome, TalkSeconds, RemovalRequested, Revision);
}
