using System.Globalization;
using System.Text;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Validation;

namespace KpiGrpc.Bench;

/// <summary>A generated calls.csv in the CLI's generic format (header, ISO instants with Z), written once and reused.</summary>
public static class CsvCallFile
{
    public const string Header = "call_id,campaign_id,operator_id,team_id,lead_id,started_at,outcome,talk_seconds,removal_requested,revision";

    /// <summary>
    /// The file for these arguments under the temp folder, generated on first use (its name
    /// holds the count, seed and end day, so a stale file is never reused).
    /// </summary>
    /// <param name="order">"shuffled": as generated, every part of the file spread over all days;
    /// "time": sorted by started_at with ids rising, as a dialer's log export is.</param>
    public static string Ensure(long calls, int seed, DateTimeOffset end, int days, string order = "shuffled")
    {
        var suffix = order == "time" ? "-time" : "";
        var path = Path.Combine(Path.GetTempPath(), $"kpigrpc-bench-calls-{calls}-{seed}-{end:yyyyMMdd}-{days}{suffix}.csv");
        if (File.Exists(path))
        {
            return path;
        }

        Console.WriteLine($"writing {calls:N0} calls to {path}...");
        var generator = new CallGenerator(seed, end, days);
        var partial = path + ".partial";
        using (var writer = new StreamWriter(partial, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.WriteLine(Header);
            if (order == "time")
            {
                // Sorting needs them all in memory: about 3 GB for 10 M calls.
                foreach (var call in generator.InTimeOrder(generator.NextBatch(checked((int)calls))))
                {
                    WriteLine(writer, call);
                }
            }
            else
            {
                for (long i = 0; i < calls; i++)
                {
                    WriteLine(writer, generator.Next());
                }
            }
        }

        File.Move(partial, path);
        return path;
    }

    /// <summary>One call as a line of the file (the microbenchmarks read the same lines from memory).</summary>
    public static void WriteLine(TextWriter writer, CallRecord call)
    {
        var culture = CultureInfo.InvariantCulture;
        writer.Write(call.CallId);
        writer.Write(',');
        writer.Write(call.CampaignId);
        writer.Write(',');
        writer.Write(call.OperatorId);
        writer.Write(',');
        writer.Write(call.TeamId);
        writer.Write(',');
        writer.Write(call.LeadId);
        writer.Write(',');
        writer.Write(call.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", culture));
        writer.Write(',');
        writer.Write(RecordValidator.OutcomeName(call.Outcome));
        writer.Write(',');
        writer.Write(call.TalkSeconds.ToString(culture));
        writer.Write(',');
        writer.Write(call.RemovalRequested ? "true" : "false");
        writer.Write(',');
        writer.Write(call.Revision.ToString(culture));
        writer.WriteLine();
    }
}
