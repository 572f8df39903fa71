using KpiGrpc.V1;

namespace KpiGrpc.Cli.Reporting;

/// <summary>Writes the groups of a KPI query in one output format.</summary>
internal interface IReportWriter
{
    void Write(ReportLayout layout, IReadOnlyList<KpiGroup> groups);
}
