namespace KpiGrpc.Bench;

/// <summary>Runs watch-load or soak: parses their options, prints the header, writes the markdown.</summary>
public static class LoadBenchmarks
{
    public static async Task<int> RunAsync(string[] args)
    {
        LoadArguments arguments;
        try
        {
            arguments = LoadArguments.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}\n\n{BenchArguments.Usage}{LoadArguments.Usage}");
            return 2;
        }

        var command = "dotnet run -c Release --project bench/KpiGrpc.Bench -- " + string.Join(' ', arguments.Raw);
        var title = arguments.Command == "soak" ? "Soak benchmark" : "Watch load benchmark";
        var report = new BenchReport(title, command, MachineFacts.Collect());
        report.PrintHeader();
        if (arguments.Command == "soak")
        {
            await new SoakBenchmark(arguments, report).RunAsync();
        }
        else
        {
            await new WatchLoadBenchmark(arguments, report).RunAsync();
        }

        if (arguments.OutFile is { } outFile)
        {
            await File.WriteAllTextAsync(outFile, report.ToMarkdown());
            Console.WriteLine($"markdown written to {outFile}");
        }

        return 0;
    }
}
