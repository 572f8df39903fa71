namespace KpiGrpc.Cli.Import;

/// <summary>
/// The server ended the stream cleanly with batches still unacknowledged (a restart, a proxy
/// closing idle streams): the batches are resent on a new stream, like after a reset.
/// </summary>
internal sealed class ImportStreamEndedException(string message) : Exception(message);
