using KpiGrpc.Cli.Csv;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Formats.Vicidial;

/// <summary>
/// The sales of a vicidial_log: each row whose status has sale=true gives the result SALE for
/// its call, reported when the call ended. Other rows are skipped here (the calls pass reports
/// unknown statuses once).
/// </summary>
internal sealed class VicidialSaleFormat(VicidialLogRow row) : ICsvRecordFormat<AppointmentResult>
{
    public string Kind => "vicidial_log";

    public IReadOnlyList<CsvColumn> Columns => VicidialLogRow.Columns;

    public AppointmentResult? Parse(CsvFields fields)
    {
        if (row.FindStatus(fields) is not { Sale: true })
        {
            return null;
        }

        return new AppointmentResult
        {
            CallId = row.CallId(fields),
            Result = AppointmentResultKind.Sale,
            ReportedAt = row.EndedAt(fields).ToTimestamp(),
        };
    }
}
