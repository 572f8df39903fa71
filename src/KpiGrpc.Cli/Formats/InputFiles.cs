using Google.Protobuf;
using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Formats.Asterisk;
using KpiGrpc.Cli.Formats.JsonLines;
using KpiGrpc.Cli.Formats.Vicidial;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Formats;

/// <summary>
/// Opens input files of any supported format as record files. Every opener streams (nothing is
/// loaded whole), reads .gz files directly, and throws <see cref="FileNotFoundException"/> for
/// a missing file or <see cref="CsvSchemaException"/> for a missing column, a bad option or a
/// bad status map, before any record is read.
/// </summary>
internal static class InputFiles
{
    public const string Csv = "csv";
    public const string JsonLines = "jsonl";
    public const string Vicidial = "vicidial";
    public const string Asterisk = "asterisk";

    public static IReadOnlyList<string> Formats { get; } = [Csv, JsonLines, Vicidial, Asterisk];

    public static InputOptions DefaultOptions { get; } =
        new(Csv, TimeZoneInfo.Utc, null, new Dictionary<string, string>(), AsteriskColumns.Default);

    /// <summary>Calls: calls.csv, JSON Lines of CallRecord, a vicidial_log or an Asterisk Master.csv.</summary>
    public static IRecordFile<CallRecord> OpenCalls(string path, InputOptions options) => FormatOf(options) switch
    {
        Csv => CsvRecordFile<CallRecord>.Open(path, CallCsvFormat.Instance, CsvOptions(options)),
        JsonLines => OpenJsonLines<CallRecord>(path, "calls"),
        Vicidial => CsvRecordFile<CallRecord>.Open(path, new VicidialCallFormat(VicidialRow(options)), DetectSeparator),
        _ => OpenAsterisk(path, options),
    };

    /// <summary>Results: results.csv, JSON Lines of AppointmentResult, or the SALE rows of a vicidial_log.</summary>
    public static IRecordFile<AppointmentResult> OpenResults(string path, InputOptions options) => FormatOf(options) switch
    {
        Csv => CsvRecordFile<AppointmentResult>.Open(path, AppointmentResultCsvFormat.Instance, CsvOptions(options)),
        JsonLines => OpenJsonLines<AppointmentResult>(path, "results"),
        Vicidial => CsvRecordFile<AppointmentResult>.Open(path, new VicidialSaleFormat(VicidialRow(options)), DetectSeparator),
        _ => throw Unsupported(options.Format, "results"),
    };

    /// <summary>Sessions: sessions.csv, JSON Lines of OperatorSession, or sessions derived from a vicidial_agent_log.</summary>
    public static IRecordFile<OperatorSession> OpenSessions(string path, InputOptions options) => FormatOf(options) switch
    {
        Csv => CsvRecordFile<OperatorSession>.Open(path, SessionCsvFormat.Instance, CsvOptions(options)),
        JsonLines => OpenJsonLines<OperatorSession>(path, "sessions"),
        Vicidial => new VicidialSessionFile(CsvRecordFile<VicidialAgentEvent>.Open(path, new VicidialAgentEventFormat(options.TimeZone), DetectSeparator)),
        _ => throw Unsupported(options.Format, "sessions"),
    };

    /// <summary>True for "vicidial": its call log also holds the sales, so the importer also imports OpenResults(callsPath).</summary>
    public static bool ResultsComeWithCalls(string format) => string.Equals(format, Vicidial, StringComparison.OrdinalIgnoreCase);

    private static CsvReadOptions DetectSeparator { get; } = CsvReadOptions.Default with { Separator = null };

    private static string FormatOf(InputOptions options)
    {
        var format = options.Format.ToLowerInvariant();
        return Formats.Contains(format)
            ? format
            : throw new CsvSchemaException($"unknown input format '{options.Format}': use one of {string.Join(", ", Formats)}");
    }

    private static CsvReadOptions CsvOptions(InputOptions options)
    {
        var fields = CallCsvFormat.Instance.Columns.Concat(AppointmentResultCsvFormat.Instance.Columns).Concat(SessionCsvFormat.Instance.Columns)
            .Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = options.ColumnRenames.Keys.Where(field => !fields.Contains(field)).ToList();
        return unknown.Count == 0
            ? new CsvReadOptions(',', new Dictionary<string, string>(options.ColumnRenames, StringComparer.OrdinalIgnoreCase))
            : throw new CsvSchemaException(
                $"column rename of '{string.Join("', '", unknown)}': not a record field (fields: {string.Join(", ", fields.Order())})");
    }

    private static VicidialLogRow VicidialRow(InputOptions options) =>
        new(VicidialStatusMap.Load(options.StatusMapPath), options.TimeZone);

    private static IRecordFile<T> OpenJsonLines<T>(string path, string kind)
        where T : class, IMessage<T>, new() =>
        new JsonLinesRecordFile<T>(InputSource.Open(path, kind), Path.GetFileName(path));

    private static AsteriskCdrFile OpenAsterisk(string path, InputOptions options)
    {
        var source = InputSource.Open(path, "Asterisk CDR");
        try
        {
            return new AsteriskCdrFile(source, Path.GetFileName(path), options.TimeZone, options.Asterisk);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private static CsvSchemaException Unsupported(string format, string kind) =>
        new($"the {format} format has no {kind} file: Asterisk CDRs hold calls only; import {kind} as csv or jsonl");
}
