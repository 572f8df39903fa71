using KpiGrpc.V1;

namespace KpiGrpc.Cli.Csv;

/// <summary>calls.csv: one dial attempt per line.</summary>
internal sealed class CallCsvFormat : ICsvRecordFormat<CallRecord>
{
    private const int CallId = 0;
    private const int CampaignId = 1;
    private const int OperatorId = 2;
    private const int TeamId = 3;
    private const int LeadId = 4;
    private const int StartedAt = 5;
    private const int Outcome = 6;
    private const int TalkSeconds = 7;
    private const int RemovalRequested = 8;
    private const int Revision = 9;

    /// <summary>Outcome names as files write them (any case).</summary>
    public static IReadOnlyDictionary<string, CallOutcome> Outcomes { get; } = new Dictionary<string, CallOutcome>(StringComparer.OrdinalIgnoreCase)
    {
        ["invalid_number"] = CallOutcome.InvalidNumber,
        ["no_answer"] = CallOutcome.NoAnswer,
        ["busy"] = CallOutcome.Busy,
        ["voicemail"] = CallOutcome.Voicemail,
        ["dropped"] = CallOutcome.Dropped,
        ["rejected"] = CallOutcome.Rejected,
        ["answered"] = CallOutcome.Answered,
        ["pitched"] = CallOutcome.Pitched,
        ["appointment"] = CallOutcome.Appointment,
    };

    public static CallCsvFormat Instance { get; } = new();

    public string Kind => "calls";

    public IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("call_id", Required: true),
        new("campaign_id", Required: true),
        new("operator_id", Required: true),
        new("team_id", Required: false),
        new("lead_id", Required: false),
        new("started_at", Required: true),
        new("outcome", Required: true),
        new("talk_seconds", Required: false),
        new("removal_requested", Required: false),
        new("revision", Required: false),
    ];

    public CallRecord Parse(CsvFields fields) => new()
    {
        CallId = fields[CallId],
        CampaignId = fields[CampaignId],
        OperatorId = fields[OperatorId],
        TeamId = fields[TeamId],
        LeadId = fields[LeadId],
        StartedAt = CsvValues.Instant(fields, StartedAt),
        Outcome = CsvValues.OneOf(fields, Outcome, Outcomes),
        TalkSeconds = CsvValues.Number(fields, TalkSeconds),
        RemovalRequested = CsvValues.Boolean(fields, RemovalRequested),
        Revision = CsvValues.Integer(fields, Revision),
    };
}
