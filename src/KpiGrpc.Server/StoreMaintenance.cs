using KpiGrpc.Server.Options;
using KpiGrpc.Storage.Sqlite;

namespace KpiGrpc.Server;

/// <summary>
/// <c>--verify</c> and <c>--repair</c>: run instead of the server on the <c>--data-dir</c> store
/// (stopped), print the report, and give the exit code: 0 when the store is sound (after the repair, for
/// --repair), 1 when problems remain, 2 when it could not run (another server holds the store).
/// </summary>
public static class StoreMaintenance
{
    public const string VerifySwitch = "--verify";
    public const string RepairSwitch = "--repair";

    public static bool IsSwitch(string arg) => arg is VerifySwitch or RepairSwitch;

    /// <summary>--verify or --repair when the command line holds one (the last wins), else null.</summary>
    public static string? CommandIn(IEnumerable<string> args) => args.LastOrDefault(IsSwitch);

    /// <summary>The data directory the configuration (--data-dir, Kpi:DataDirectory) names.</summary>
    public static string DataDirectoryOf(IConfiguration configuration) =>
        configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>()?.DataDirectory ?? new StoreOptions().DataDirectory;

    public static int Run(string command, string dataDirectory, TextWriter output)
    {
        var options = new SqliteStoreOptions { DataDirectory = dataDirectory };
        output.WriteLine($"{(command == RepairSwitch ? "Repairing" : "Verifying")} the KPI store in {Path.GetFullPath(dataDirectory)}");
        StoreReport report;
        try
        {
            report = command == RepairSwitch ? StoreRepair.Repair(options, TimeProvider.System) : StoreVerifier.Verify(options);
        }
        catch (InvalidOperationException ex)
        {
            output.WriteLine(ex.Message);
            return 2;
        }

        foreach (var line in report.Lines)
        {
            output.WriteLine(line);
        }

        output.WriteLine(report.Clean
            ? "The store is sound."
            : $"{report.Problems} problem{(report.Problems == 1 ? "" : "s")} found.{(command == VerifySwitch ? " Stop the server and run --repair for what the lines above say it fixes." : "")}");
        return report.Clean ? 0 : 1;
    }
}
