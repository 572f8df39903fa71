using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using KpiGrpc.V1;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>
/// Valid call batches of an exact encoded size, to probe the message size limit byte by byte:
/// long ids (up to the 200 characters allowed, 'é' taking 2 bytes) so that a batch of the
/// largest size stays under the 50,000 records allowed.
/// </summary>
internal static class SizedCalls
{
    private const int IdCharacters = 200;
    private static readonly DateTimeOffset Day = new(2026, 2, 16, 0, 0, 0, TimeSpan.Zero);

    // One series for the whole batch: the campaign, operator and team ids are the same everywhere.
    private static readonly string SharedId = new('é', IdCharacters);

    /// <summary>Lead ids take 128 to 400 bytes: at least 128 keeps each length prefix 2 bytes wide, so the size moves byte by byte.</summary>
    private const int MinLeadBytes = 128;
    private const int MaxLeadBytes = 2 * IdCharacters;

    /// <summary>
    /// Fills <paramref name="calls"/> (the repeated field of <paramref name="message"/>) until the
    /// message encodes to exactly <paramref name="bytes"/> bytes.
    /// </summary>
    public static void Fill(IMessage message, RepeatedField<CallRecord> calls, int bytes)
    {
        var empty = message.CalculateSize();
        var largest = Framed(Call(0, MaxLeadBytes));
        var count = (bytes - empty + largest - 1) / largest;
        for (var i = 0; i < count; i++)
        {
            calls.Add(Call(i, MinLeadBytes));
        }

        var missing = bytes - message.CalculateSize();
        for (var i = 0; i < count && missing > 0; i++)
        {
            var grow = Math.Min(missing, MaxLeadBytes - MinLeadBytes);
            calls[i].LeadId = Lead(MinLeadBytes + grow);
            missing -= grow;
        }

        var size = message.CalculateSize();
        if (size != bytes)
        {
            throw new InvalidOperationException($"built {size} bytes instead of {bytes}");
        }
    }

    private static int Framed(CallRecord call) => CodedOutputStream.ComputeMessageSize(call) + 1;

    private static CallRecord Call(int index, int leadBytes) => new()
    {
        // 12 ASCII characters then 'é's: 200 characters, the same byte count for every index.
        CallId = $"sized-{index:D5}-" + new string('é', IdCharacters - 12),
        CampaignId = SharedId,
        OperatorId = SharedId,
        TeamId = SharedId,
        LeadId = Lead(leadBytes),
        StartedAt = Timestamp.FromDateTimeOffset(Day.AddSeconds(index)),
        Outcome = CallOutcome.Answered,
        TalkSeconds = 42,
    };

    /// <summary>A lead id of at most 200 characters taking exactly <paramref name="bytes"/> bytes in UTF-8.</summary>
    private static string Lead(int bytes)
    {
        var characters = Math.Min(IdCharacters, bytes);
        var twoByte = bytes - characters;
        return new string('é', twoByte) + new string('x', characters - twoByte);
    }
}
