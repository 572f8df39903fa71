using KpiGrpc.Cli.Import;
using KpiGrpc.Cli.Import.Checkpoints;

namespace KpiGrpc.Cli.Tests.Import;

internal static class ImportTestData
{
    /// <summary>A call CSV of <paramref name="count"/> calls c-1..c-N on lines 2..N+1; the call on <paramref name="badOutcomeLine"/> has an unknown outcome.</summary>
    public static string Calls(int count, int badOutcomeLine = -1)
    {
        var lines = Enumerable.Range(1, count).Select(i =>
            $"c-{i},camp,op,2026-03-28T08:00:00Z,{(i + 1 == badOutcomeLine ? "sold" : "answered")},{i}");
        return "call_id,campaign_id,operator_id,started_at,outcome,talk_seconds\n" + string.Join('\n', lines) + "\n";
    }

    /// <summary>A journal with no checkpoint and no rejects file, starting at the beginning.</summary>
    public static ImportJournal Journal(string fileName = "calls.csv") =>
        new(new ImportTally(fileName), RejectsFile.None, null, NewEntry());

    public static CheckpointEntry NewEntry(string path = "/data/calls.csv") =>
        new() { Kind = "calls", File = new FileIdentity(path, 100, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), "ab") };

    public static RetrySettings FastRetry(int retries = 3) => new(retries, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));
}
