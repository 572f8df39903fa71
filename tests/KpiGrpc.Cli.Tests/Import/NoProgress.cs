using KpiGrpc.Cli.Import;

namespace KpiGrpc.Cli.Tests.Import;

/// <summary>Progress that remembers only the retry messages.</summary>
internal sealed class NoProgress : IImportProgress
{
    public List<string> Retries { get; } = [];

    public void Read(long bytesRead)
    {
    }

    public void Acknowledged(int records)
    {
    }

    public void Retrying(string message) => Retries.Add(message);

    public void Complete(long length)
    {
    }
}
