using System.Buffers;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using KpiGrpc.Cli.Compute;
using KpiGrpc.V1;

namespace KpiGrpc.MicroBench;

/// <summary>
/// One batch of 20,000 calls, already parsed, put into a <see cref="CallColumns"/> message:
/// <see cref="CallColumnsBuilder"/> (plain arrays copied once, campaign and team tried against the
/// operator's previous call) against the obvious code (each value added to the message's
/// repeated fields, each id looked up in a dictionary).
/// </summary>
[MedianColumn]
public class CallColumnsBuilders
{
    private const int Calls = 20_000;
    private readonly CallColumnsBuilder _builder = new(Calls);
    private string[][] _fields = [];
    private (long Seconds, CallOutcome Outcome, double Talk)[] _values = [];

    [GlobalSetup]
    public void Setup()
    {
        _fields = [.. SampleCalls.Csv(Calls).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.TrimEnd('\r').Split(','))];
        _values = [.. _fields.Select(f => (
            DateTimeOffset.Parse(f[5], CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
            CallCsvFormatOutcome(f[6]),
            double.Parse(f[7], CultureInfo.InvariantCulture)))];
        SampleCalls.CheckSame(nameof(CallColumnsBuilders), Calls, CallColumnsBuilderAddBuild(), RepeatedFieldAddPerValue());
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public int CallColumnsBuilderAddBuild()
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            var (f, v) = (_fields[i], _values[i]);
            _builder.Add(f[0], f[1], f[2], f[3], f[4], v.Seconds, 0, v.Outcome, v.Talk, false, 0);
        }

        return _builder.Build().Outcomes.Count;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public int RepeatedFieldAddPerValue()
    {
        var columns = new CallColumns();
        var ids = new Dictionary<string, uint>(StringComparer.Ordinal);
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var callIds = new ArrayBufferWriter<byte>(Calls * 24);
        var leadIds = new ArrayBufferWriter<byte>(Calls * 16);
        for (var i = 0; i < _fields.Length; i++)
        {
            var (f, v) = (_fields[i], _values[i]);
            columns.CallIdLengths.Add(Append(callIds, f[0]));
            columns.CampaignIndexes.Add(IndexOf(f[1]));
            columns.OperatorIndexes.Add(IndexOf(f[2]));
            columns.TeamIndexes.Add(IndexOf(f[3]));
            columns.LeadIdLengths.Add(Append(leadIds, f[4]));
            columns.StartedAtSeconds.Add(v.Seconds);
            columns.StartedAtNanos.Add(0);
            columns.Outcomes.Add(v.Outcome);
            columns.TalkSeconds.Add(v.Talk);
            columns.RemovalRequested.Add(false);
            columns.Revisions.Add(0);
        }

        columns.CallIds = ByteString.CopyFrom(callIds.WrittenSpan);
        columns.LeadIds = ByteString.CopyFrom(leadIds.WrittenSpan);
        return columns.Outcomes.Count;

        uint IndexOf(ReadOnlySpan<char> id)
        {
            if (!lookup.TryGetValue(id, out var index))
            {
                index = (uint)columns.Ids.Count;
                var text = id.ToString();
                ids.Add(text, index);
                columns.Ids.Add(text);
            }

            return index;
        }
    }

    private static uint Append(ArrayBufferWriter<byte> blob, ReadOnlySpan<char> id)
    {
        var written = Encoding.UTF8.GetBytes(id, blob.GetSpan(id.Length * 3));
        blob.Advance(written);
        return (uint)written;
    }

    private static CallOutcome CallCsvFormatOutcome(string name) => Cli.Csv.CallCsvFormat.Outcomes[name];
}
