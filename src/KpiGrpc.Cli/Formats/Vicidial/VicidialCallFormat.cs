using KpiGrpc.Cli.Csv;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Formats.Vicidial;

/// <summary>
/// vicidial_log rows as call records: call_id = uniqueid (the table's primary key, so an empty
/// one is reported, not replaced), operator = user, team = user_group, campaign = campaign_id,
/// outcome from the status map, talk time = length_in_sec only where a person talked with the agent.
/// </summary>
internal sealed class VicidialCallFormat(VicidialLogRow row) : ICsvRecordFormat<CallRecord>
{
    public string Kind => "vicidial_log";

    public IReadOnlyList<CsvColumn> Columns => VicidialLogRow.Columns;

    public CallRecord Parse(CsvFields fields)
    {
        var status = row.StatusOf(fields);
        if (status.Outcome is not { } outcome)
        {
            throw new CsvFieldException("status", $"'{status.Status}' is not a finished call: {status.Comment} (status map {row.StatusMapPath})");
        }

        return new CallRecord
        {
            CallId = row.CallId(fields),
            CampaignId = row.Campaign(fields),
            OperatorId = row.Operator(fields),
            TeamId = row.Team(fields),
            LeadId = row.Lead(fields),
            StartedAt = row.StartedAt(fields).ToTimestamp(),
            Outcome = outcome,
            TalkSeconds = status.HasTalkTime ? row.Length(fields) : 0,
            RemovalRequested = status.RemovalRequested,
        };
    }
}
