using KpiGrpc.Cli.Commands;

namespace KpiGrpc.Cli.Import;

/// <summary>Prints what an import did: each rejected line on stderr, then a summary per file on stdout.</summary>
internal static class ImportReport
{
    /// <summary>Prints the report and returns the exit code: non-zero when any line was rejected.</summary>
    public static int Print(IReadOnlyList<ImportTally> tallies)
    {
        foreach (var rejected in tallies.SelectMany(t => t.RejectedLines))
        {
            Console.Error.WriteLine($"rejected: {rejected}");
        }

        foreach (var tally in tallies)
        {
            Console.Out.WriteLine(tally);
        }

        var rejectedCount = tallies.Sum(t => t.Rejected);
        if (rejectedCount > 0)
        {
            Console.Out.WriteLine($"{rejectedCount} line{(rejectedCount > 1 ? "s were" : " was")} rejected (see above)");
            return ExitCodes.RejectedLines;
        }

        return ExitCodes.Success;
    }
}
