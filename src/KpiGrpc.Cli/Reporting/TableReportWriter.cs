using KpiGrpc.V1;
using Spectre.Console;

namespace KpiGrpc.Cli.Reporting;

/// <summary>A Spectre.Console table for people at a terminal.</summary>
internal sealed class TableReportWriter(IAnsiConsole console) : IReportWriter
{
    public void Write(ReportLayout layout, IReadOnlyList<KpiGroup> groups)
    {
        if (groups.Count == 0)
        {
            console.MarkupLine("[grey]No calls or logged time in this range.[/]");
            return;
        }

        console.Write(KpiTable.Build(layout, [.. groups], console));
    }
}
