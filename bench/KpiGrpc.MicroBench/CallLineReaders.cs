using System.Text;
using BenchmarkDotNet.Attributes;
using KpiGrpc.Bench;
using KpiGrpc.Cli.Compute;
using KpiGrpc.Cli.Csv;
using KpiGrpc.V1;

namespace KpiGrpc.MicroBench;

/// <summary>
/// One batch of calls.csv (20,000 generated lines, from memory) read into <see cref="CallColumns"/>:
/// kpi compute's reader against the same reader with Sep's trimming, kpi import's reader, and a
/// plain Sep parse with the BCL's parsers (no columns built: the ceiling of any CSV path).
/// </summary>
[MedianColumn]
public class CallLineReaders
{
    private const int Lines = 20_000;
    private readonly List<int> _lineNumbers = new(Lines);
    private readonly CallColumnsBuilder _builder = new(Lines);
    private string _csv = "";
    private string _csvTrimmed = "";

    [GlobalSetup]
    public void Setup()
    {
        _csv = SampleCalls.Csv(Lines);
        // A header with a space at an edge makes the reader trim every field, as Sep trims them.
        _csvTrimmed = SampleCalls.Csv(Lines, " " + CsvCallFile.Header);
        SampleCalls.CheckSame(nameof(CallLineReaders), Lines, FastCallCsvFileUntrimmed(), FastCallCsvFileSepTrimming(), ImportReader());
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lines)]
    public int FastCallCsvFileUntrimmed()
    {
        using var file = FastCallCsvFile.FromText(_csv);
        return Fill(file);
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int FastCallCsvFileSepTrimming()
    {
        using var file = FastCallCsvFile.FromText(_csvTrimmed);
        return Fill(file);
    }

    /// <summary>kpi import's reader: trimmed fields as strings, CallCsvFormat, a message per call.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public int ImportReader()
    {
        using var file = new RecordFileCalls(CsvRecordFile<CallRecord>.FromText(_csv, CallCsvFormat.Instance));
        return Fill(file);
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public long SepWithBclParsers() => SepCeiling.Parse(new MemoryStream(Encoding.UTF8.GetBytes(_csv))).Checksum;

    private int Fill(ICallBatchSource file)
    {
        _lineNumbers.Clear();
        while (file.Fill(_builder, Lines, _lineNumbers, static (_, error) => throw new InvalidOperationException(error)))
        {
        }

        return _builder.Build().Outcomes.Count;
    }
}
