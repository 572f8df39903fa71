using System.Diagnostics;
using System.Globalization;

namespace KpiGrpc.Cli.Import;

/// <summary>Periodic plain lines for logs and pipes: records, records/s, share read and time left.</summary>
internal sealed class PlainImportProgress(TextWriter output, TextWriter errors, string fileName, long length, TimeSpan interval) : IImportProgress
{
    private readonly ImportRate _rate = new(length);
    private readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();

    public PlainImportProgress(TextWriter output, TextWriter errors, string fileName, long length)
        : this(output, errors, fileName, length, TimeSpan.FromSeconds(2))
    {
    }

    public void Read(long bytesRead)
    {
        _rate.Read(bytesRead);
        MaybeWrite();
    }

    public void Acknowledged(int records)
    {
        _rate.Acknowledged(records);
        MaybeWrite();
    }

    public void Retrying(string message)
    {
        lock (_sinceLastLine)
        {
            errors.WriteLine($"kpi: {fileName}: {message}");
        }
    }

    public void Complete(long length)
    {
        lock (_sinceLastLine)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{fileName}: done, {_rate.Records:N0} records in {_rate.Elapsed.TotalSeconds:0.0} s ({_rate.RecordsPerSecond:N0} records/s)"));
        }
    }

    private void MaybeWrite()
    {
        lock (_sinceLastLine)
        {
            if (_sinceLastLine.Elapsed < interval)
            {
                return;
            }

            _sinceLastLine.Restart();
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{fileName}: {_rate.Records:N0} records, {_rate.RecordsPerSecond:N0} records/s, {_rate.Percent:0}% read, ETA {ImportRate.Format(_rate.Remaining)}"));
        }
    }
}
