namespace KpiGrpc.Bench;

/// <summary>Runs watch-load or soak, which take options of their own (<see cref="LoadArguments"/>).</summary>
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

        var soak = arguments.Command == "soak";
        return await BenchRun.RunAsync(soak ? "Soak benchmark" : "Watch load benchmark", arguments.Raw, arguments.OutFile, report => soak
            ? new SoakBenchmark(arguments, report).RunAsync()
            : new WatchLoadBenchmark(arguments, report).RunAsync());
    }
}
