using KpiGrpc.V1;

namespace KpiGrpc.Cli.Formats.Vicidial;

/// <summary>What one VICIdial status code means for the KPIs (a line of the status map).</summary>
/// <param name="Outcome">Null when the status is not the result of a finished dial attempt: such lines are reported with <paramref name="Comment"/>.</param>
/// <param name="Sale">The call also gives an appointment result SALE.</param>
/// <param name="CampaignId">Empty for every campaign, else the one campaign this meaning applies to.</param>
internal sealed record VicidialStatus(string Status, CallOutcome? Outcome, bool RemovalRequested, bool Sale, string CampaignId, string Comment)
{
    /// <summary>Outcomes where a person talked with an agent: the only ones that carry talk time.</summary>
    public bool HasTalkTime => Outcome is CallOutcome.Rejected or CallOutcome.Answered or CallOutcome.Pitched or CallOutcome.Appointment;
}
