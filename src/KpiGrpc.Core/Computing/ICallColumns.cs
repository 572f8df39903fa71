using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Computing;

/// <summary>
/// A batch of calls read column by column, as <see cref="KpiComputation"/> counts them by the
/// million: call and lead ids as UTF-8 bytes (hashed, never turned into strings), and the ids
/// that repeat (campaign, operator, team) as indexes into the batch's <see cref="Ids"/>.
/// </summary>
public interface ICallColumns
{
    /// <summary>Number of calls in the batch.</summary>
    int Count { get; }

    /// <summary>The distinct campaign, operator and team ids the index columns refer to.</summary>
    IReadOnlyList<string> Ids { get; }

    /// <summary>The call_id of call <paramref name="index"/>, in UTF-8.</summary>
    ReadOnlySpan<byte> CallId(int index);

    /// <summary>The lead_id, in UTF-8 (empty when the call has none).</summary>
    ReadOnlySpan<byte> LeadId(int index);

    /// <summary>Index in <see cref="Ids"/> of the campaign_id.</summary>
    int CampaignIndex(int index);

    /// <summary>Index in <see cref="Ids"/> of the operator_id.</summary>
    int OperatorIndex(int index);

    /// <summary>Index in <see cref="Ids"/> of the team_id, or -1 when the call has no team.</summary>
    int TeamIndex(int index);

    /// <summary>started_at, or default when missing.</summary>
    DateTimeOffset StartedAt(int index);

    CallOutcome Outcome(int index);

    double TalkSeconds(int index);

    bool RemovalRequested(int index);

    int Revision(int index);
}
