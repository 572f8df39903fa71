using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;
using nietras.SeparatedValues;

namespace KpiGrpc.Cli.Formats.Asterisk;

/// <summary>
/// An Asterisk Master.csv (cdr_csv: no header) read as call records. Dispositions: ANSWERED is
/// answered (a CDR cannot tell a pitch or a booking), NO ANSWER no_answer, BUSY busy, FAILED
/// and CONGESTION invalid_number (the call never reached a line: the only outcome that is not
/// connected). talk_seconds = billsec for ANSWERED only. started_at = start, a local time in
/// --tz. call_id = uniqueid when the row has one, else the first 32 hex digits of the SHA-256
/// of the row as written, so a re-import of the same file gives the same ids.
/// </summary>
internal sealed class AsteriskCdrFile : IRecordFile<CallRecord>
{
    private static readonly Dictionary<string, CallOutcome> Dispositions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ANSWERED"] = CallOutcome.Answered,
        ["NO ANSWER"] = CallOutcome.NoAnswer,
        ["BUSY"] = CallOutcome.Busy,
        ["FAILED"] = CallOutcome.InvalidNumber,
        ["CONGESTION"] = CallOutcome.InvalidNumber,
    };

    private readonly InputSource _source;
    private readonly SepReader _reader;
    private readonly TimeZoneInfo _zone;
    private readonly AsteriskField _operator;
    private readonly AsteriskField _campaign;
    private readonly AsteriskField? _team;

    public AsteriskCdrFile(InputSource source, string name, TimeZoneInfo zone, AsteriskColumns columns)
    {
        _operator = AsteriskCdrColumns.Bind("operator", columns.OperatorFrom, columns.OperatorPattern);
        _campaign = AsteriskCdrColumns.Bind("campaign", columns.CampaignFrom, columns.CampaignPattern);
        _team = columns.TeamFrom is null ? null : AsteriskCdrColumns.Bind("team", columns.TeamFrom, columns.TeamPattern);
        _source = source;
        _zone = zone;
        Name = name;
        _reader = Sep.Reader(o => o with
        {
            Sep = new Sep(','),
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
        }).From(source.Content);
    }

    public string Name { get; }

    public long BytesRead => _source.BytesRead;

    public long Length => _source.Length;

    public IReadOnlyList<string> IgnoredColumns { get; } = [];

    public IEnumerable<RecordLine<CallRecord>> ReadLines()
    {
        while (_reader.MoveNext())
        {
            var row = _reader.Current;
            var raw = row.Span.ToString();
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            var columns = new string[row.ColCount];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = row[i].ToString();
            }

            RecordLine<CallRecord> line;
            try
            {
                line = new RecordLine<CallRecord>(row.LineNumberFrom, Parse(columns, raw), null);
            }
            catch (CsvFieldException ex)
            {
                line = new RecordLine<CallRecord>(row.LineNumberFrom, null, ex.Message, raw);
            }

            yield return line;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _source.Dispose();
    }

    /// <summary>A stable id for a row without uniqueid: the same bytes give the same id.</summary>
    public static string HashId(string raw) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..32];

    private CallRecord Parse(string[] columns, string raw)
    {
        if (columns.Length < AsteriskCdrColumns.Fixed)
        {
            throw new CsvFieldException("row", $"has {columns.Length} columns; a Master.csv row has at least {AsteriskCdrColumns.Fixed} (accountcode to amaflags)");
        }

        var disposition = columns[AsteriskCdrColumns.Disposition];
        if (!Dispositions.TryGetValue(disposition, out var outcome))
        {
            throw new CsvFieldException("disposition", $"'{disposition}' is not one of {string.Join(", ", Dispositions.Keys)}");
        }

        var uniqueId = columns.Length > AsteriskCdrColumns.UniqueId ? columns[AsteriskCdrColumns.UniqueId] : "";
        return new CallRecord
        {
            CallId = uniqueId.Length > 0 ? uniqueId : HashId(raw),
            OperatorId = _operator.Read(columns, required: true),
            CampaignId = _campaign.Read(columns, required: true),
            TeamId = _team?.Read(columns, required: false) ?? "",
            StartedAt = LocalTime.ToInstant("start", columns[AsteriskCdrColumns.Start], _zone).ToTimestamp(),
            Outcome = outcome,
            TalkSeconds = outcome == CallOutcome.Answered ? Billsec(columns[AsteriskCdrColumns.Billsec]) : 0,
        };
    }

    private static int Billsec(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 86_400
            ? seconds
            : throw new CsvFieldException("billsec", $"'{text}' is not a number of seconds between 0 and 86400");
}
