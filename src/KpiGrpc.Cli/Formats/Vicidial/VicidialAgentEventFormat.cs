using System.Globalization;
using KpiGrpc.Cli.Csv;

namespace KpiGrpc.Cli.Formats.Vicidial;

/// <summary>
/// vicidial_agent_log rows. A row lasts pause_sec + wait_sec + talk_sec + dispo_sec: dead_sec
/// (the customer hung up, the agent is still in the call) is counted inside talk_sec, which is
/// why VICIdial's agent reports show talk as talk_sec - dead_sec; adding it would count it twice.
/// </summary>
internal sealed class VicidialAgentEventFormat(TimeZoneInfo zone) : ICsvRecordFormat<VicidialAgentEvent>
{
    private const int User = 0;
    private const int EventTime = 1;
    private const int CampaignId = 2;
    private const int PauseSec = 3;
    private const int WaitSec = 4;
    private const int TalkSec = 5;
    private const int DispoSec = 6;
    private const int DeadSec = 7;
    private const int UserGroup = 8;
    private const int SubStatus = 9;
    private const int PauseEpoch = 10;

    public string Kind => "vicidial_agent_log";

    public IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("user", Required: true),
        new("event_time", Required: true),
        new("campaign_id", Required: true),
        new("pause_sec", Required: true),
        new("wait_sec", Required: true),
        new("talk_sec", Required: true),
        new("dispo_sec", Required: true),
        new("dead_sec", Required: false),
        new("user_group", Required: false),
        new("sub_status", Required: false),
        new("pause_epoch", Required: false),
    ];

    public VicidialAgentEvent Parse(CsvFields fields)
    {
        var user = VicidialLogRow.Value(fields, User);
        if (user.Length == 0)
        {
            throw new CsvFieldException(fields.NameOf(User), "is required");
        }

        // The row starts when its pause starts; pause_epoch says so without local-time ambiguity.
        var epoch = VicidialLogRow.Value(fields, PauseEpoch);
        var start = epoch is { Length: > 0 } and not "0"
            ? LocalTime.FromEpoch(fields.NameOf(PauseEpoch), epoch)
            : LocalTime.ToInstant(fields.NameOf(EventTime), VicidialLogRow.Value(fields, EventTime), zone);
        var seconds = Seconds(fields, PauseSec) + Seconds(fields, WaitSec) + Seconds(fields, TalkSec) + Seconds(fields, DispoSec);
        return new VicidialAgentEvent(
            user,
            VicidialLogRow.Value(fields, CampaignId),
            VicidialLogRow.Value(fields, UserGroup),
            start,
            seconds,
            VicidialLogRow.Value(fields, SubStatus).Equals("LOGOUT", StringComparison.OrdinalIgnoreCase));
    }

    private static int Seconds(CsvFields fields, int column)
    {
        var text = VicidialLogRow.Value(fields, column);
        if (text.Length == 0)
        {
            return 0;
        }

        // A row still open when exported, or a clock step, can hold a huge or negative count.
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 86_400
            ? value
            : throw new CsvFieldException(fields.NameOf(column), $"'{text}' is not a number of seconds between 0 and 86400");
    }
}
