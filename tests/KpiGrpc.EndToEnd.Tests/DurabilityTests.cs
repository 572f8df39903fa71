using Google.Protobuf.WellKnownTypes;
using KpiGrpc.V1;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>An acknowledged batch survives the server being killed right after the ack.</summary>
public sealed class DurabilityTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 2, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kpi-durability-").FullName;

    [Fact]
    public async Task RecordCalls_ServerKilledRightAfterTheAck_EveryAckedCallIsThereAfterRestart()
    {
        // Arrange
        const int calls = 2000;
        var request = new RecordCallsRequest();
        for (var i = 0; i < calls; i++)
        {
            request.Calls.Add(new CallRecord
            {
                CallId = $"d-{i}",
                CampaignId = "camp",
                OperatorId = $"op-{i % 7}",
                StartedAt = Timestamp.FromDateTimeOffset(Day.AddSeconds(10 * i)),
                Outcome = i % 2 == 0 ? CallOutcome.Answered : CallOutcome.NoAnswer,
                TalkSeconds = i % 2 == 0 ? 30 : 0,
            });
        }

        var first = await KpiServerProcess.StartAsync(_dataDirectory);
        await using (first)
        {
            var response = await new IngestService.IngestServiceClient(first.Channel).RecordCallsAsync(request);
            Assert.Equal(calls, response.Ack.Accepted);

            // Act: no graceful shutdown, no flush.
            await first.KillHardAsync();
        }

        await using var second = await KpiServerProcess.StartAsync(_dataDirectory);
        var query = await new KpiService.KpiServiceClient(second.Channel).QueryKpisAsync(new QueryKpisRequest
        {
            From = Timestamp.FromDateTimeOffset(Day),
            To = Timestamp.FromDateTimeOffset(Day.AddDays(1)),
        });

        // Assert
        var total = Assert.Single(query.Groups);
        Assert.Equal(calls, total.Counts.Dialed);
        Assert.Equal(calls / 2, total.Counts.Answered);
        Assert.Equal(30.0 * calls / 2, total.Counts.TalkSeconds);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
