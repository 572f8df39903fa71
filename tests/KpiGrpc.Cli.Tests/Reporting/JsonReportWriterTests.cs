using System.Text.Json;
using KpiGrpc.Cli.Reporting;

namespace KpiGrpc.Cli.Tests.Reporting;

public sealed class JsonReportWriterTests
{
    private static JsonElement WriteOne()
    {
        var output = new StringWriter();
        new JsonReportWriter(output).Write(ReportSamples.OperatorByDayInParis, [ReportSamples.WithoutAppointments()]);
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return JsonDocument.Parse(line).RootElement;
    }

    [Fact]
    public void Write_OneGroup_WritesOneObjectWithTheCsvColumnNames()
    {
        // Act
        var json = WriteOne();

        // Assert
        var names = json.EnumerateObject().Select(p => p.Name).Where(n => !n.EndsWith("_status") && !n.EndsWith("_status_certain")).ToList();
        Assert.Equal(ReportColumns.Header(ReportSamples.OperatorByDayInParis), names);
    }

    [Fact]
    public void Write_AbsentKpi_IsNullWithNullStatus()
    {
        // Act
        var json = WriteOne();

        // Assert
        Assert.Equal(JsonValueKind.Null, json.GetProperty("close_rate").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("close_rate_status").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("close_rate_status_certain").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("close_rate_lower").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("close_rate_upper").ValueKind);
    }

    [Fact]
    public void Write_PresentKpi_HasValueAndStatusName()
    {
        // Act
        var json = WriteOne();

        // Assert
        Assert.Equal(95, json.GetProperty("list_validity_rate").GetDouble());
        Assert.Equal("good", json.GetProperty("list_validity_rate_status").GetString());
        Assert.False(json.GetProperty("list_validity_rate_status_certain").GetBoolean());
        Assert.Equal(83.49612263085902, json.GetProperty("list_validity_rate_lower").GetDouble());
        Assert.Equal(98.61793326138516, json.GetProperty("list_validity_rate_upper").GetDouble());
        Assert.False(json.TryGetProperty("calls_per_hour_lower", out _)); // not a rate
        Assert.Equal("not_enough_data", json.GetProperty("conversion_rate_status").GetString());
        Assert.Equal("2026-03-29T00:00:00+01:00", json.GetProperty("period_start").GetString());
        Assert.Equal(40, json.GetProperty("dialed").GetInt64());
        Assert.True(json.GetProperty("logged_hours_estimated").GetBoolean());
    }
}
