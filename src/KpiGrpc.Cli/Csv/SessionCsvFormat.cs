using KpiGrpc.V1;

namespace KpiGrpc.Cli.Csv;

/// <summary>sessions.csv: the spans of time operators were logged in.</summary>
internal sealed class SessionCsvFormat : ICsvRecordFormat<OperatorSession>
{
    private const int SessionId = 0;
    private const int OperatorId = 1;
    private const int TeamId = 2;
    private const int CampaignId = 3;
    private const int StartedAt = 4;
    private const int EndedAt = 5;

    public static SessionCsvFormat Instance { get; } = new();

    public string Kind => "sessions";

    public IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("session_id", Required: true),
        new("operator_id", Required: true),
        new("team_id", Required: false),
        new("campaign_id", Required: false),
        new("started_at", Required: true),
        new("ended_at", Required: true),
    ];

    public OperatorSession Parse(CsvFields fields) => new()
    {
        SessionId = fields[SessionId],
        OperatorId = fields[OperatorId],
        TeamId = fields[TeamId],
        CampaignId = fields[CampaignId],
        StartedAt = CsvValues.Instant(fields, StartedAt),
        EndedAt = CsvValues.Instant(fields, EndedAt),
    };
}
