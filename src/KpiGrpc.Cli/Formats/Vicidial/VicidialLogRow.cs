using System.Globalization;
using KpiGrpc.Cli.Csv;

namespace KpiGrpc.Cli.Formats.Vicidial;

/// <summary>
/// The columns of a vicidial_log export (SELECT * from MySQL as CSV or TSV with a header) that
/// the KPIs need, and how to read them. NULL cells ("NULL" from the mysql client, "\N" from
/// SELECT ... INTO OUTFILE) read as empty.
/// </summary>
internal sealed class VicidialLogRow(VicidialStatusMap statuses, TimeZoneInfo zone)
{
    private const int UniqueId = 0;
    private const int LeadId = 1;
    private const int CampaignId = 2;
    private const int CallDate = 3;
    private const int StartEpoch = 4;
    private const int EndEpoch = 5;
    private const int LengthInSec = 6;
    private const int Status = 7;
    private const int User = 8;
    private const int UserGroup = 9;

    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("uniqueid", Required: true),
        new("lead_id", Required: false),
        new("campaign_id", Required: true),
        new("call_date", Required: true),
        new("start_epoch", Required: false),
        new("end_epoch", Required: false),
        new("length_in_sec", Required: false),
        new("status", Required: true),
        new("user", Required: true),
        new("user_group", Required: false),
    ];

    public static string Value(CsvFields fields, int column) => fields[column] is "NULL" or "\\N" ? "" : fields[column];

    public string CallId(CsvFields fields) => Required(fields, UniqueId);

    public string Operator(CsvFields fields) => Required(fields, User);

    public string Campaign(CsvFields fields) => Required(fields, CampaignId);

    public string Team(CsvFields fields) => Value(fields, UserGroup);

    public string Lead(CsvFields fields) => Value(fields, LeadId);

    /// <summary>The status map file to edit, for messages.</summary>
    public string StatusMapPath => statuses.UserPath;

    /// <summary>The status's meaning, or null when the map lacks it.</summary>
    public VicidialStatus? FindStatus(CsvFields fields) => statuses.Find(Value(fields, CampaignId), Value(fields, Status));

    /// <summary>The status's meaning; an unknown status is reported, never guessed.</summary>
    public VicidialStatus StatusOf(CsvFields fields)
    {
        var code = Required(fields, Status);
        var campaign = Value(fields, CampaignId);
        return statuses.Find(campaign, code) ?? throw new CsvFieldException(
            fields.NameOf(Status),
            $"unknown VICIdial status '{code}' (campaign {campaign}): add it to the status map ({statuses.UserPath})");
    }

    /// <summary>start_epoch when present (an instant), else call_date, a local time in the --tz zone.</summary>
    public DateTimeOffset StartedAt(CsvFields fields)
    {
        var epoch = Value(fields, StartEpoch);
        return epoch.Length > 0
            ? LocalTime.FromEpoch(fields.NameOf(StartEpoch), epoch)
            : LocalTime.ToInstant(fields.NameOf(CallDate), Value(fields, CallDate), zone);
    }

    /// <summary>end_epoch when present, else the start plus length_in_sec.</summary>
    public DateTimeOffset EndedAt(CsvFields fields)
    {
        var epoch = Value(fields, EndEpoch);
        return epoch.Length > 0
            ? LocalTime.FromEpoch(fields.NameOf(EndEpoch), epoch)
            : StartedAt(fields).AddSeconds(Length(fields));
    }

    /// <summary>length_in_sec: whole seconds, empty as 0.</summary>
    public int Length(CsvFields fields)
    {
        var text = Value(fields, LengthInSec);
        if (text.Length == 0)
        {
            return 0;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new CsvFieldException(fields.NameOf(LengthInSec), $"'{text}' is not a whole number of seconds >= 0");
    }

    private static string Required(CsvFields fields, int column)
    {
        var value = Value(fields, column);
        return value.Length > 0 ? value : throw new CsvFieldException(fields.NameOf(column), "is required");
    }
}
