namespace KpiGrpc.Cli.Commands;

/// <summary>The command line or an input file is wrong; the message says what to change.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
