using System.Globalization;
using System.Text;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>kpi report of more groups than one page holds, against a real server process.</summary>
public sealed class PagedReportTests(KpiServerFixture fixture) : IClassFixture<KpiServerFixture>
{
    [Fact]
    public async Task Report_MoreOperatorsThanOnePage_PrintsEveryOperatorOnce()
    {
        // Arrange: 12,000 operators, one call each (a page holds at most 10,000 groups).
        const int operators = 12_000;
        var calls = Path.Combine(fixture.DataDirectory, "many-operators.csv");
        var csv = new StringBuilder("call_id,campaign_id,operator_id,started_at,outcome\n");
        for (var i = 0; i < operators; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"call-{i},camp-1,op-{i:D5},2026-03-10T09:{i % 60:D2}:00Z,busy\n");
        }

        await File.WriteAllTextAsync(calls, csv.ToString());
        var import = await KpiCli.RunAsync("import", "--server", fixture.Server.Address.ToString(), "--calls", calls);
        Assert.True(import.ExitCode == 0, import.ToString());

        // Act
        var report = await KpiCli.RunAsync(
            "report", "--server", fixture.Server.Address.ToString(), "--format", "csv", "--group-by", "operator",
            "--from", "2026-03-10", "--to", "2026-03-11");

        // Assert
        Assert.True(report.ExitCode == 0, report.ToString());
        var rows = report.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[0]).ToList();
        Assert.Equal(operators, rows.Count);
        Assert.Equal(operators, rows.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, operators).Select(i => $"op-{i:D5}"), rows);
    }
}
