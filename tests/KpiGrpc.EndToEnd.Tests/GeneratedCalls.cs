using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using KpiGrpc.V1;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>Large call CSV files written at test time, and the server's count of them.</summary>
internal static class GeneratedCalls
{
    /// <summary>The first call starts here; call i starts i seconds later.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Writes <paramref name="count"/> valid calls with distinct ids (about 110 bytes a line), a
    /// third of them answered; returns the file's size in bytes.
    /// </summary>
    public static long Write(string path, int count, string prefix = "call")
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("call_id,campaign_id,operator_id,team_id,lead_id,started_at,outcome,talk_seconds\n");
        for (var i = 0; i < count; i++)
        {
            var answered = i % 3 == 0;
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{prefix}-{i:D10},campaign-solar-panels-2026,operator-{i % 97:D4},team-north-east,lead-{i:D12},{Start.AddSeconds(i):yyyy-MM-ddTHH:mm:ssZ},{(answered ? "answered" : "no_answer")},{(answered ? 1 + (i % 300) : 0)}\n"));
        }

        writer.Flush();
        return writer.BaseStream.Length;
    }

    /// <summary>Calls the server holds in the 60 days from <see cref="Start"/> (room for 5 M generated calls).</summary>
    public static async Task<long> DialedAsync(KpiServerProcess server)
    {
        var query = await new KpiService.KpiServiceClient(server.Channel).QueryKpisAsync(new QueryKpisRequest
        {
            From = Timestamp.FromDateTimeOffset(Start),
            To = Timestamp.FromDateTimeOffset(Start.AddDays(60)),
        });
        return query.Groups.Sum(g => g.Counts.Dialed);
    }
}
