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

var command = "dotnet run -c Release --project bench/KpiGrpc.Bench -- " + string.Join(' ', arguments.Raw);
var title = arguments.Command switch
{
    "ingest" => "Ingest benchmark",
    "compute" => "Compute benchmark",
    _ => "Query benchmark",
};
var report = new BenchReport(title, command, MachineFacts.Collect());
report.PrintHeader();

switch (arguments.Command)
{
    case "ingest":
        await new IngestBenchmark(arguments, report).RunAsync();
        break;
    case "compute":
        await new ComputeBenchmark(arguments, report).RunAsync();
        break;
    default:
        await new QueryBenchmark(arguments, report).RunAsync();
        break;
}

if (arguments.OutFile is { } outFile)
{
    await File.WriteAllTextAsync(outFile, report.ToMarkdown());
    Console.WriteLine($"markdown written to {outFile}");
}

return 0;
