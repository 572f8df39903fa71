namespace KpiGrpc.Bench;

/// <summary>The command line: a benchmark name and its options.</summary>
public sealed record BenchArguments(
    string Command,
    long Calls,
    int Runs,
    int BatchSize,
    int InFlight,
    int Queries,
    int Warmup,
    int Days,
    int Seed,
    string Order,
    string? ServerDll,
    string? CliDll,
    string? OutFile,
    IReadOnlyList<string> Raw)
{
    public const string Usage = $"""
        Usage: dotnet run -c Release --project bench/KpiGrpc.Bench -- <ingest|query|compute|compute-memory|watch-load|soak> [options]

          ingest   Streams N calls through IngestService.ImportCalls to a real server process,
                   against storing them in-process straight into SqliteKpiStore.
          query    Builds a store of N calls, then times QueryKpis (30 days, by operator) on a
                   real server process, against 1-day queries and the in-process engine.
          compute  Times `kpi compute FILE` end to end on a generated CSV of N calls (file, parse,
                   gRPC stream, server aggregation, results), against a plain in-process Sep
                   parse of the same file.
          compute-memory  Peak server memory (VmHWM) over `kpi compute` of N and 3N distinct calls,
                   each on a fresh server: bytes a distinct call (--calls default 1000000).

        Options:
          --calls N        calls to generate (ingest: 2000000, query and compute: 10000000)
          --runs R         ingest and compute repetitions; the median is reported (3)
          --batch N        records per batch (ingest: 5000, query store build: 50000, compute: 20000)
          --in-flight N    ingest batches sent before waiting for an ack (8)
          --queries N      timed queries per figure (30)
          --warmup N       untimed queries first (5)
          --days N         days the calls are spread over, ending at today's UTC midnight (30)
          --seed N         random seed of the generated calls (42)
          --order O        ingest and compute: 'time' sends (or writes the file of) calls in time
                           order with rising ids, as a dialer's log or live feed does; 'shuffled'
                           spreads every batch over all days, the worst case (time)
          --server-dll P   server to start (src/KpiGrpc.Server/bin/Release/net10.0/KpiGrpc.Server.dll)
          --cli-dll P      compute: kpi tool to run (artifacts/kpi/kpi.dll, from `{CliProcess.PublishCommand}`)
          --out FILE       also write the results as a markdown snippet
        """;

    public static BenchArguments Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("ingest" or "query" or "compute" or "compute-memory"))
        {
            throw new ArgumentException("the first argument must be 'ingest', 'query', 'compute' or 'compute-memory'");
        }

        var command = args[0];
        var options = new CommandLineOptions(args);
        var ingest = command == "ingest";
        var parsed = new BenchArguments(
            command,
            Calls: options.TakeLong("calls", command switch { "ingest" => 2_000_000, "compute-memory" => 1_000_000, _ => 10_000_000 }),
            Runs: options.TakeInt("runs", 3),
            BatchSize: options.TakeInt("batch", command switch { "ingest" => 5_000, "compute" or "compute-memory" => 20_000, _ => 50_000 }),
            InFlight: options.TakeInt("in-flight", 8),
            Queries: options.TakeInt("queries", 30),
            Warmup: options.TakeInt("warmup", 5),
            Days: options.TakeInt("days", 30),
            Seed: options.TakeInt("seed", 42),
            Order: options.Take("order") is { } order
                ? order is "time" or "shuffled" ? order : throw new ArgumentException($"--order must be 'time' or 'shuffled', got '{order}'")
                : "time",
            ServerDll: options.Take("server-dll"),
            CliDll: options.Take("cli-dll"),
            OutFile: options.Take("out"),
            Raw: args);
        options.ThrowIfAnyLeft();
        return parsed;
    }
}
