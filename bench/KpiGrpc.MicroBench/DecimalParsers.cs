using System.Globalization;
using BenchmarkDotNet.Attributes;
using csFastFloat;
using KpiGrpc.Cli.Csv;

namespace KpiGrpc.MicroBench;

/// <summary>talk_seconds as the generated file writes it (0 for half the calls, else one decimal: 93.5) read into a double.</summary>
[MedianColumn]
public class DecimalParsers
{
    private const int Count = 4096;
    private string[] _texts = [];

    [GlobalSetup]
    public void Setup()
    {
        _texts = SampleCalls.Column(Count, 7);
        SampleCalls.CheckSame(nameof(DecimalParsers), SpanDecimalTryParse(), CsFastFloatTryParseDouble(), DoubleTryParse());
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public double SpanDecimalTryParse()
    {
        var sum = 0d;
        foreach (var text in _texts)
        {
            SpanDecimal.TryParse(text, out var value);
            sum += value;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double CsFastFloatTryParseDouble()
    {
        var sum = 0d;
        foreach (var text in _texts)
        {
            FastDoubleParser.TryParseDouble(text.AsSpan(), out var value);
            sum += value;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double DoubleTryParse()
    {
        var sum = 0d;
        foreach (var text in _texts)
        {
            double.TryParse(text.AsSpan(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
            sum += value;
        }

        return sum;
    }
}
