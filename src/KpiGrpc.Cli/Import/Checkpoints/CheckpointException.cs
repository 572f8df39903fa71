namespace KpiGrpc.Cli.Import.Checkpoints;

/// <summary>A checkpoint stands in the way of the import as asked; the message says what to do.</summary>
internal sealed class CheckpointException(string message) : Exception(message);
