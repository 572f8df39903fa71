namespace KpiGrpc.Core.Records;

/// <summary>A span of logged-in time; <see cref="SessionId"/> is the idempotency key.</summary>
/// <param name="TeamId">Empty when unknown.</param>
/// <param name="CampaignId">Empty when the session is not tied to one campaign.</param>
public sealed record OperatorSession(
    string SessionId,
    string OperatorId,
    string TeamId,
    string CampaignId,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt)
{
    public SeriesKey Series => new(CampaignId, TeamId, OperatorId);
}
