using System.CommandLine;

namespace KpiGrpc.Cli.Commands;

/// <summary>The kpi command tree.</summary>
internal static class KpiCommandLine
{
    public static RootCommand Create() => new("kpi: import call-centre data and read its KPIs from a KpiGrpc server")
    {
        ImportCommand.Create(),
        ReportCommand.Create(),
        WatchCommand.Create(),
        ComputeCommand.Create(),
        KeysCommand.Create(),
    };
}
