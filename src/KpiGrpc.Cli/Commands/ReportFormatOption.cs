using System.CommandLine;
using KpiGrpc.Cli.Reporting;
using Spectre.Console;

namespace KpiGrpc.Cli.Commands;

/// <summary>--format of a printed report (table, csv or json lines), and the writer it names.</summary>
internal static class ReportFormatOption
{
    private static readonly Dictionary<string, Func<IReportWriter>> Writers = new()
    {
        ["table"] = () => new TableReportWriter(AnsiConsole.Console),
        ["csv"] = () => new CsvReportWriter(Console.Out),
        ["json"] = () => new JsonReportWriter(Console.Out),
    };

    public static Option<string> Create() => new Option<string>("--format")
    {
        Description = "Output format",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong([.. Writers.Keys]);

    /// <summary>The writer of the format asked for, writing to stdout.</summary>
    public static IReportWriter Writer(ParseResult parse, Option<string> option) => Writers[parse.GetValue(option)!]();
}
