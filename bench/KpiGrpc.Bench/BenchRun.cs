namespace KpiGrpc.Bench;

/// <summary>What every benchmark does around its measurements: the header, then the markdown when asked.</summary>
public static class BenchRun
{
    public static async Task<int> RunAsync(string title, IReadOnlyList<string> raw, string? outFile, Func<BenchReport, Task> benchmark)
    {
        var command = "dotnet run -c Release --project bench/KpiGrpc.Bench -- " + string.Join(' ', raw);
        var report = new BenchReport(title, command, MachineFacts.Collect());
        report.PrintHeader();
        await benchmark(report);
        if (outFile is not null)
        {
            await File.WriteAllTextAsync(outFile, report.ToMarkdown());
            Console.WriteLine($"markdown written to {outFile}");
        }

        return 0;
    }
}
