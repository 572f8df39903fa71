using System.Buffers.Text;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using KpiGrpc.Cli.Compute;
using KpiGrpc.Cli.Time;

namespace KpiGrpc.MicroBench;

/// <summary>
/// started_at as the generated file writes it (<c>2026-11-03T08:00:12Z</c>, lines in time order,
/// so about 136 lines in a row share a date) read into an instant.
/// </summary>
[MedianColumn]
public class InstantParsers
{
    private const int Count = 4096;
    private string[] _texts = [];
    private byte[][] _roundTripUtf8 = [];

    [GlobalSetup]
    public void Setup()
    {
        _texts = SampleCalls.Column(Count, 5);
        // Utf8Parser reads only the round-trip shape ("O": seven fraction digits), in UTF-8.
        _roundTripUtf8 = [.. _texts.Select(t => Encoding.UTF8.GetBytes(DateTimeOffset.Parse(t, CultureInfo.InvariantCulture).ToString("O", CultureInfo.InvariantCulture)))];
        SampleCalls.CheckSame(nameof(InstantParsers), SpanInstantDateKept(), SpanInstantDateEveryTime());
        SampleCalls.CheckSame(nameof(InstantParsers), IsoInstantTryParseExact(), DateTimeOffsetTryParse(), Utf8ParserRoundTripFormat());
        foreach (var text in _texts)
        {
            var day = default(SpanInstant.Day);
            SpanInstant.TryParse(text, ref day, out var seconds, out _);
            IsoInstant.TryParse(text, out var instant, out _);
            SampleCalls.CheckSame(nameof(InstantParsers), instant.ToUnixTimeSeconds(), seconds);
        }
    }

    /// <summary>As kpi compute reads it: the date read again only when it changes.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public long SpanInstantDateKept()
    {
        var day = default(SpanInstant.Day);
        long sum = 0;
        foreach (var text in _texts)
        {
            SpanInstant.TryParse(text, ref day, out var seconds, out _);
            sum += seconds;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public long SpanInstantDateEveryTime()
    {
        long sum = 0;
        foreach (var text in _texts)
        {
            var day = default(SpanInstant.Day);
            SpanInstant.TryParse(text, ref day, out var seconds, out _);
            sum += seconds;
        }

        return sum;
    }

    /// <summary>kpi import's reader: DateTimeOffset.TryParseExact over the accepted ISO formats.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public long IsoInstantTryParseExact()
    {
        long sum = 0;
        foreach (var text in _texts)
        {
            IsoInstant.TryParse(text, out var instant, out _);
            sum += instant.Ticks;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public long DateTimeOffsetTryParse()
    {
        long sum = 0;
        foreach (var text in _texts)
        {
            DateTimeOffset.TryParse(text.AsSpan(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant);
            sum += instant.Ticks;
        }

        return sum;
    }

    /// <summary>The same instants in the one ISO shape Utf8Parser reads, already UTF-8 (its best case).</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public long Utf8ParserRoundTripFormat()
    {
        long sum = 0;
        foreach (var bytes in _roundTripUtf8)
        {
            Utf8Parser.TryParse(bytes, out DateTimeOffset instant, out _, 'O');
            sum += instant.Ticks;
        }

        return sum;
    }
}
