using System.CommandLine;
using KpiGrpc.Core.Ingest;

namespace KpiGrpc.Cli.Commands;

/// <summary>--batch-size: records per request, at most the server's own limit.</summary>
internal static class BatchSizeOption
{
    public static Option<int> Create(int defaultSize) => new("--batch-size")
    {
        Description = $"Records per batch (1 to {KpiIngestor.MaxBatchSize})",
        DefaultValueFactory = _ => defaultSize,
    };

    /// <summary>The size asked for; throws <see cref="CliUsageException"/> when the server would refuse it.</summary>
    public static int Read(ParseResult parse, Option<int> option)
    {
        var size = parse.GetValue(option);
        return size is >= 1 and <= KpiIngestor.MaxBatchSize
            ? size
            : throw new CliUsageException($"--batch-size must be between 1 and {KpiIngestor.MaxBatchSize}, not {size}");
    }
}
