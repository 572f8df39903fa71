namespace KpiGrpc.Core.Records;

/// <summary>The finest grouping the store keeps: one campaign, team and operator.</summary>
public readonly record struct SeriesKey(string CampaignId, string TeamId, string OperatorId);
