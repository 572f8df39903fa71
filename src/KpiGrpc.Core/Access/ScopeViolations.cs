using KpiGrpc.Core.Records;
using KpiGrpc.Core.Validation;

namespace KpiGrpc.Core.Access;

/// <summary>The per-record rejections of a scoped caller: a record of another campaign is refused, the rest of its batch stored.</summary>
public static class ScopeViolations
{
    public static RecordViolation? Of(CallRecord call, CampaignScope scope) => OfCampaign(call.CampaignId, scope);

    public static RecordViolation? Of(OperatorSession session, CampaignScope scope) =>
        session.CampaignId.Length == 0 && scope.IsRestricted
            ? new RecordViolation("campaign_id", $"a key scoped to {scope} must name one of them in campaign_id")
            : OfCampaign(session.CampaignId, scope);

    /// <summary>Why a record the store found under another campaign (or, for a result, whose call it does not hold) was refused.</summary>
    public static RecordViolation StoredOutside<T>(T record, CampaignScope scope) => record switch
    {
        AppointmentResult result => new RecordViolation(
            "call_id", $"call '{result.CallId}' is not stored under this key's scope ({scope}): a scoped key reports results only for calls of its campaigns, once they are stored"),
        CallRecord call => new RecordViolation(
            "call_id", $"call '{call.CallId}' is already stored under a campaign outside this key's scope ({scope}); it cannot be moved or changed with this key"),
        OperatorSession session => new RecordViolation(
            "session_id", $"session '{session.SessionId}' is already stored under a campaign outside this key's scope ({scope}); it cannot be moved or changed with this key"),
        _ => new RecordViolation("campaign_id", $"the record is outside this key's scope ({scope})"),
    };

    private static RecordViolation? OfCampaign(string campaignId, CampaignScope scope) =>
        scope.Allows(campaignId)
            ? null
            : new RecordViolation("campaign_id", $"campaign '{campaignId}' is outside this key's scope ({scope})");
}
