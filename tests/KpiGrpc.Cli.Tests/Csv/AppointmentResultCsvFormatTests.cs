using KpiGrpc.Cli.Import;
using KpiGrpc.Cli.Csv;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Csv;

public sealed class AppointmentResultCsvFormatTests
{
    private static List<RecordLine<AppointmentResult>> Read(string csv)
    {
        using var file = CsvRecordFile<AppointmentResult>.FromText(csv, AppointmentResultCsvFormat.Instance, "results.csv");
        return [.. file.ReadLines()];
    }

    [Fact]
    public void ReadLines_ThreeKindsInAnyColumnOrder_AreMapped()
    {
        // Arrange
        const string csv = "reported_at,result,call_id\n2026-03-30T10:00:00Z,sale,c-1\n2026-03-30T10:00:00Z,No_Sale,c-2\n2026-03-30T11:00:00+02:00,cancelled,c-3\n";

        // Act
        var results = Read(csv).Select(l => l.Record!).ToList();

        // Assert
        Assert.Equal([AppointmentResultKind.Sale, AppointmentResultKind.NoSale, AppointmentResultKind.Cancelled], results.Select(r => r.Result));
        Assert.Equal(["c-1", "c-2", "c-3"], results.Select(r => r.CallId));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.Zero), results[2].ReportedAt.ToDateTimeOffset());
    }

    [Fact]
    public void ReadLines_UnknownResult_ReportsLineAndChoices()
    {
        // Arrange
        const string csv = "call_id,result,reported_at\nc-1,won,2026-03-30T10:00:00Z\n";

        // Act
        var line = Assert.Single(Read(csv));

        // Assert
        Assert.Equal(2, line.LineNumber);
        Assert.Equal("result: 'won' is not one of sale, no_sale, cancelled", line.Error);
    }

    [Fact]
    public void ReadLines_MissingReportedAt_ReportsRequired()
    {
        // Arrange
        const string csv = "call_id,result,reported_at\nc-1,sale,\n";

        // Act
        var line = Assert.Single(Read(csv));

        // Assert
        Assert.Equal("reported_at: is required", line.Error);
    }
}
