using System.Diagnostics;

namespace KpiGrpc.Cli.Import;

/// <summary>Records per second and time left of one file, from acknowledged records and bytes read.</summary>
internal sealed class ImportRate(long length)
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private long _bytesRead;
    private long _records;

    public long Records => Interlocked.Read(ref _records);

    public TimeSpan Elapsed => _elapsed.Elapsed;

    public double RecordsPerSecond => Elapsed.TotalSeconds > 0 ? Records / Elapsed.TotalSeconds : 0;

    /// <summary>Share of the file read, 0 to 100.</summary>
    public double Percent => length > 0 ? Math.Min(100.0, Interlocked.Read(ref _bytesRead) * 100.0 / length) : 100.0;

    /// <summary>Time left at the byte rate so far; null until there is a rate to go by.</summary>
    public TimeSpan? Remaining
    {
        get
        {
            var read = Interlocked.Read(ref _bytesRead);
            var seconds = Elapsed.TotalSeconds;
            return read > 0 && seconds > 0.5 ? TimeSpan.FromSeconds((length - read) / (read / seconds)) : null;
        }
    }

    public void Read(long bytesRead) => Interlocked.Exchange(ref _bytesRead, bytesRead);

    public long Acknowledged(int records) => Interlocked.Add(ref _records, records);

    public static string Format(TimeSpan? time) => time switch
    {
        null => "--:--",
        { TotalHours: >= 1 } t => $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}",
        { } t => $"{t.Minutes:00}:{t.Seconds:00}",
    };
}
