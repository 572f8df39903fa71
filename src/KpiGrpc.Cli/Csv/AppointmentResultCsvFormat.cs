using KpiGrpc.V1;

namespace KpiGrpc.Cli.Csv;

/// <summary>results.csv: what became of the appointment booked on a call.</summary>
internal sealed class AppointmentResultCsvFormat : ICsvRecordFormat<AppointmentResult>
{
    private const int CallId = 0;
    private const int Result = 1;
    private const int ReportedAt = 2;

    private static readonly Dictionary<string, AppointmentResultKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sale"] = AppointmentResultKind.Sale,
        ["no_sale"] = AppointmentResultKind.NoSale,
        ["cancelled"] = AppointmentResultKind.Cancelled,
    };

    public static AppointmentResultCsvFormat Instance { get; } = new();

    public string Kind => "results";

    public IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("call_id", Required: true),
        new("result", Required: true),
        new("reported_at", Required: true),
    ];

    public AppointmentResult Parse(CsvFields fields) => new()
    {
        CallId = fields[CallId],
        Result = CsvValues.OneOf(fields, Result, Kinds),
        ReportedAt = CsvValues.Instant(fields, ReportedAt),
    };
}
