using System.Globalization;
using KpiGrpc.Core.Records;
using nietras.SeparatedValues;

namespace KpiGrpc.Bench;

/// <summary>
/// The ceiling of any CSV path: the same file read in-process with Sep, every field turned into
/// its typed value (ids into strings, the instant, outcome, number, boolean, revision), nothing
/// sent anywhere.
/// </summary>
public static class SepCeiling
{
    private static readonly Dictionary<string, CallOutcome> Outcomes = Enum.GetValues<CallOutcome>()
        .ToDictionary(o => KpiGrpc.Core.Validation.RecordValidator.OutcomeName(o), StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses the file and returns how many records it holds (and a checksum, so nothing is optimised away).</summary>
    public static (long Records, long Checksum) Parse(string path)
    {
        using var reader = Options().FromFile(path);
        return Parse(reader);
    }

    /// <summary>The same from a stream (the microbenchmarks read calls.csv from memory).</summary>
    public static (long Records, long Checksum) Parse(Stream csv)
    {
        using var reader = Options().From(csv);
        return Parse(reader);
    }

    private static SepReaderOptions Options() => Sep.New(',').Reader(o => o with { HasHeader = true, Unescape = true });

    private static (long Records, long Checksum) Parse(SepReader reader)
    {
        var lookup = Outcomes.GetAlternateLookup<ReadOnlySpan<char>>();
        long records = 0, checksum = 0;
        foreach (var row in reader)
        {
            var ids = row[0].ToString().Length + row[1].ToString().Length + row[2].ToString().Length + row[3].ToString().Length + row[4].ToString().Length;
            var startedAt = DateTimeOffset.Parse(row[5].Span, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var outcome = lookup[row[6].Span];
            var talk = double.Parse(row[7].Span, CultureInfo.InvariantCulture);
            var removal = bool.Parse(row[8].Span);
            var revision = int.Parse(row[9].Span, CultureInfo.InvariantCulture);
            checksum += ids + startedAt.Second + (int)outcome + (long)talk + (removal ? 1 : 0) + revision;
            records++;
        }

        return (records, checksum);
    }
}
