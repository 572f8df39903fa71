namespace KpiGrpc.Cli.Import;

/// <summary>The import stream ended in a way that leaves batches unacknowledged.</summary>
internal sealed class ImportInterruptedException(string message) : Exception(message);
