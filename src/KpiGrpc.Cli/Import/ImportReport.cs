using KpiGrpc.Cli.Commands;

namespace KpiGrpc.Cli.Import;

/// <summary>
/// Prints what an import did: the first rejected lines on stderr, then per file the counts and
/// the rejections grouped by reason on stdout.
/// </summary>
internal static class ImportReport
{
    /// <summary>Rejected lines shown on stderr; the rest are in --rejects.</summary>
    public const int LinesShown = 20;

    /// <summary>Reasons listed per file, most frequent first.</summary>
    public const int ReasonsShown = 20;

    /// <summary>Prints the report and returns the exit code: non-zero when any line was rejected.</summary>
    public static int Print(IReadOnlyList<ImportTally> tallies, string? rejectsPath, TextWriter output, TextWriter errors)
    {
        var examples = tallies.SelectMany(t => t.Examples).ToList();
        foreach (var rejected in examples.Take(LinesShown))
        {
            errors.WriteLine($"rejected: {rejected}");
        }

        var rejectedCount = tallies.Sum(t => t.Rejected);
        if (rejectedCount > Math.Min(examples.Count, LinesShown))
        {
            errors.WriteLine(rejectsPath is null
                ? $"... and more: give --rejects FILE to get every rejected line"
                : $"... every rejected line is in {rejectsPath}");
        }

        foreach (var tally in tallies)
        {
            PrintTally(tally, output);
        }

        if (rejectedCount > 0)
        {
            output.WriteLine($"{rejectedCount} line{(rejectedCount > 1 ? "s were" : " was")} rejected (see above)");
            return ExitCodes.RejectedLines;
        }

        return ExitCodes.Success;
    }

    private static void PrintTally(ImportTally tally, TextWriter output)
    {
        var note = tally.AlreadyDone ? " (already imported, per the checkpoint)"
            : tally.ResumedAfterLine > 0 ? $" (whole file; this run resumed after line {tally.ResumedAfterLine})"
            : "";
        output.WriteLine($"{tally}{note}");
        var reasons = tally.Counts.Reasons.OrderByDescending(r => r.Count).ThenBy(r => r.Field, StringComparer.Ordinal).ToList();
        if (reasons.Count == 0)
        {
            return;
        }

        output.WriteLine("  rejected by reason:");
        var width = reasons[0].Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        foreach (var reason in reasons.Take(ReasonsShown))
        {
            var text = reason.Field.Length > 0 ? $"{reason.Field}: {reason.Reason}" : reason.Reason;
            output.WriteLine($"  {reason.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width)}  {text}");
        }

        if (reasons.Count > ReasonsShown)
        {
            var rest = reasons.Skip(ReasonsShown).Sum(r => r.Count);
            output.WriteLine($"  {rest.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width)}  ({reasons.Count - ReasonsShown} other reasons)");
        }
    }
}
