using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using KpiGrpc.V1;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>`kpi watch` piped into another program: a JSON line per group, snapshot then live updates.</summary>
public sealed class WatchCliTests(KpiServerFixture fixture) : IClassFixture<KpiServerFixture>
{
    private static readonly DateTimeOffset Day = new(2026, 2, 12, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Watch_CallRecordedWhileWatching_PrintsSnapshotThenUpdateLine()
    {
        // Arrange: one call before the watch starts.
        var ingest = new IngestService.IngestServiceClient(fixture.Server.Channel);
        await ingest.RecordCallsAsync(Calls(("w-1", "op-watch", CallOutcome.Busy)));
        using var watch = StartWatch("--since", "2026-02-12", "--tz", "UTC", "--group-by", "operator", "--operator", "op-watch");
        var lines = ReadLines(watch);

        try
        {
            var snapshot = await NextLineAsync(lines);
            Assert.Equal(("snapshot", 1), (snapshot.GetProperty("event").GetString(), snapshot.GetProperty("dialed").GetInt64()));

            // Act
            await ingest.RecordCallsAsync(Calls(("w-2", "op-watch", CallOutcome.Pitched)));

            // Assert: pitch_rate = 1 pitched / 2 connected x 100 = 50.
            var update = await NextLineAsync(lines);
            Assert.Equal("update", update.GetProperty("event").GetString());
            Assert.Equal("op-watch", update.GetProperty("operator_id").GetString());
            Assert.Equal(2, update.GetProperty("dialed").GetInt64());
            Assert.Equal(50.0, update.GetProperty("pitch_rate").GetDouble(), 6);
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await watch.WaitForExitAsync();
        }
    }

    private static RecordCallsRequest Calls(params (string Id, string Operator, CallOutcome Outcome)[] calls)
    {
        var request = new RecordCallsRequest();
        foreach (var (id, operatorId, outcome) in calls)
        {
            request.Calls.Add(new CallRecord
            {
                CallId = id,
                CampaignId = "camp-watch",
                OperatorId = operatorId,
                StartedAt = Timestamp.FromDateTimeOffset(Day.AddHours(9)),
                Outcome = outcome,
                TalkSeconds = outcome == CallOutcome.Pitched ? 180 : 0,
            });
        }

        return request;
    }

    private Process StartWatch(params string[] args)
    {
        var info = KpiCli.StartInfo(new[] { "watch", "--server", fixture.Server.Address.ToString() }.Concat(args));
        return Process.Start(info) ?? throw new InvalidOperationException("could not start kpi watch");
    }

    private static ChannelReader<string> ReadLines(Process process)
    {
        var lines = Channel.CreateUnbounded<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                lines.Writer.TryWrite(line);
            }
        };
        process.BeginOutputReadLine();
        return lines.Reader;
    }

    private static async Task<JsonElement> NextLineAsync(ChannelReader<string> lines)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var line = await lines.ReadAsync(timeout.Token);
        return JsonDocument.Parse(line).RootElement;
    }
}
