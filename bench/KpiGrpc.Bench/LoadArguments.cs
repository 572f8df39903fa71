namespace KpiGrpc.Bench;

/// <summary>The command line of the load benchmarks (watch-load, soak): watches and dialers against a real server.</summary>
public sealed record LoadArguments(
    string Command,
    long Preload,
    long Calls,
    int Runs,
    int BatchSize,
    int InFlight,
    int Watchers,
    int DistinctQueries,
    int Dialers,
    int DialerBatch,
    int Seconds,
    int Seed,
    string? ServerDll,
    string? OutFile,
    IReadOnlyList<string> Raw)
{
    public const string Usage = """

          watch-load  Ingest throughput through ImportCalls on a real server process with no watch, then
                      with W watches whose clients never read (each on its own connection), and the
                      server's memory; runs alternate and medians are reported.
          soak        D dialer streams (ImportCalls, small batches, each awaiting its ack, as a dialer
                      pushes calls as they end) and W watchers reading the current day, for S seconds on a
                      real server process: calls/s, ack latency, peak server memory.

        Options of watch-load and soak:
          --preload N          watch-load: calls stored before the watches open, so that their snapshots are full (500000)
          --calls N            watch-load: calls then ingested and timed (1000000)
          --runs R             watch-load: pairs of runs, without then with watches, order alternating (3); soak: runs (3)
          --batch N            watch-load: calls per ImportCalls batch (5000)
          --in-flight N        watch-load: batches sent before waiting for an ack (8)
          --watchers W         watches (300)
          --distinct-queries K the watches cycle through K different queries, 1 to 300 (watch-load: 300, soak: 30)
          --dialers D          soak: dialer streams (100)
          --dialer-batch N     soak: calls per batch (20)
          --seconds S          soak: duration of each run (60)
          --seed N             random seed of the generated calls (42)
          --server-dll P       server to start, e.g. an older build to compare with
          --out FILE           also write the results as a markdown snippet
        """;

    public static bool IsLoadCommand(string command) => command is "watch-load" or "soak";

    public static LoadArguments Parse(string[] args)
    {
        var command = args[0];
        var options = new CommandLineOptions(args);
        var soak = command == "soak";
        var parsed = new LoadArguments(
            command,
            Preload: options.TakeLong("preload", 500_000),
            Calls: options.TakeLong("calls", 1_000_000),
            Runs: options.TakeInt("runs", 3),
            BatchSize: options.TakeInt("batch", 5_000),
            InFlight: options.TakeInt("in-flight", 8),
            Watchers: options.TakeInt("watchers", 300),
            DistinctQueries: options.TakeInt("distinct-queries", soak ? 30 : 300),
            Dialers: options.TakeInt("dialers", 100),
            DialerBatch: options.TakeInt("dialer-batch", 20),
            Seconds: options.TakeInt("seconds", 60),
            Seed: options.TakeInt("seed", 42),
            ServerDll: options.Take("server-dll"),
            OutFile: options.Take("out"),
            Raw: args);
        options.ThrowIfAnyLeft();
        if (parsed.DistinctQueries > WatchQueries.Count)
        {
            throw new ArgumentException($"--distinct-queries must be at most {WatchQueries.Count}");
        }

        return parsed;
    }
}
