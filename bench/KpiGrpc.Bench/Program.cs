using KpiGrpc.Bench;

// Benchmarks are programs, never timed tests: see bench/README.md.
if (args is [] or ["help" or "--help" or "-h"])
{
    Console.WriteLine(BenchArguments.Usage + LoadArguments.Usage);
    return args.Length == 0 ? 2 : 0;
}

if (LoadArguments.IsLoadCommand(args[0]))
{
    return await LoadBenchmarks.RunAsync(args);
}

BenchArguments arguments;
try
{
    arguments = BenchArguments.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}\n\n{BenchArguments.Usage}");
    return 2;
}

var title = arguments.Command switch
{
    "ingest" => "Ingest benchmark",
    "compute" => "Compute benchmark",
    "compute-memory" => "Compute memory per distinct call",
    _ => "Query benchmark",
};
return await BenchRun.RunAsync(title, arguments.Raw, arguments.OutFile, report => arguments.Command switch
{
    "ingest" => new IngestBenchmark(arguments, report).RunAsync(),
    "compute" => new ComputeBenchmark(arguments, report).RunAsync(),
    "compute-memory" => new ComputeMemoryBenchmark(arguments, report).RunAsync(),
    _ => new QueryBenchmark(arguments, report).RunAsync(),
});
