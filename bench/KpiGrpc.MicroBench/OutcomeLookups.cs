using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using KpiGrpc.Cli.Compute;
using KpiGrpc.Cli.Csv;
using KpiGrpc.V1;

namespace KpiGrpc.MicroBench;

/// <summary>The outcome names of the generated file (the dialer mix: no_answer, voicemail, ...) found from a span.</summary>
[MedianColumn]
public class OutcomeLookups
{
    private const int Count = 4096;
    private static readonly FrozenDictionary<string, CallOutcome>.AlternateLookup<ReadOnlySpan<char>> Ordinal =
        CallCsvFormat.Outcomes.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, CallOutcome>.AlternateLookup<ReadOnlySpan<char>> AnyCase =
        CallCsvFormat.Outcomes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<string, CallOutcome>.AlternateLookup<ReadOnlySpan<char>> AnyCaseDictionary =
        new Dictionary<string, CallOutcome>(CallCsvFormat.Outcomes, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private string[] _texts = [];

    [GlobalSetup]
    public void Setup()
    {
        _texts = SampleCalls.Column(Count, 6);
        SampleCalls.CheckSame(nameof(OutcomeLookups), OutcomeSpellingsTryExact(), FrozenDictionaryOrdinal(), FrozenDictionaryIgnoreCase(), DictionaryIgnoreCase());
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int OutcomeSpellingsTryExact()
    {
        var sum = 0;
        foreach (var text in _texts)
        {
            OutcomeSpellings.TryExact(text, out var outcome);
            sum += (int)outcome;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int FrozenDictionaryOrdinal()
    {
        var sum = 0;
        foreach (var text in _texts)
        {
            Ordinal.TryGetValue(text.AsSpan(), out var outcome);
            sum += (int)outcome;
        }

        return sum;
    }

    /// <summary>The any-case look-up kpi falls back to for other spellings (NO_ANSWER).</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int FrozenDictionaryIgnoreCase()
    {
        var sum = 0;
        foreach (var text in _texts)
        {
            AnyCase.TryGetValue(text.AsSpan(), out var outcome);
            sum += (int)outcome;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int DictionaryIgnoreCase()
    {
        var sum = 0;
        foreach (var text in _texts)
        {
            AnyCaseDictionary.TryGetValue(text.AsSpan(), out var outcome);
            sum += (int)outcome;
        }

        return sum;
    }
}
