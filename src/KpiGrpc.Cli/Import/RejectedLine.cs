namespace KpiGrpc.Cli.Import;

/// <summary>A line that was not stored: refused locally (unreadable) or by the server.</summary>
internal sealed record RejectedLine(string FileName, int LineNumber, string Reason)
{
    public override string ToString() => $"{FileName} line {LineNumber}: {Reason}";
}
