using System.Diagnostics;

namespace KpiGrpc.Cli.Import;

/// <summary>Periodic plain lines for logs and pipes, at most one a second.</summary>
internal sealed class PlainImportProgress(TextWriter output, string fileName, long length) : IImportProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();
    private long _bytesRead;
    private long _acknowledged;

    public void Read(long bytesRead)
    {
        Interlocked.Exchange(ref _bytesRead, bytesRead);
        MaybeWrite();
    }

    public void Acknowledged(int records)
    {
        Interlocked.Add(ref _acknowledged, records);
        MaybeWrite();
    }

    public void Complete(long length)
    {
        lock (_sinceLastLine)
        {
            output.WriteLine($"{fileName}: done, {Interlocked.Read(ref _acknowledged)} records acknowledged");
        }
    }

    private void MaybeWrite()
    {
        lock (_sinceLastLine)
        {
            if (_sinceLastLine.Elapsed < Interval)
            {
                return;
            }

            _sinceLastLine.Restart();
            var percent = length > 0 ? Interlocked.Read(ref _bytesRead) * 100 / length : 100;
            output.WriteLine($"{fileName}: {percent}% read, {Interlocked.Read(ref _acknowledged)} records acknowledged");
        }
    }
}
