using Grpc.Core;
using KpiGrpc.Core.Access;
using KpiGrpc.Server.Access;
using static KpiGrpc.Server.Tests.Access.AccessAsserts;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests.Access;

/// <summary>
/// A key scoped to campaigns writes and sees only those: records of other campaigns are rejected
/// one by one (the rest of the batch stored), reads are cut to the scope, and a filter of foreign
/// campaigns only is PERMISSION_DENIED. Each test has its own campaigns and keys.
/// </summary>
public sealed class CampaignScopeTests(KeyedKpiServer server) : IClassFixture<KeyedKpiServer>
{
    private V1.IngestService.IngestServiceClient Ingest => new(server.Channel);

    private V1.KpiService.KpiServiceClient Kpis => new(server.Channel);

    [Fact]
    public async Task RecordCalls_ScopedKeyMixedBatch_ForeignCallRejectedOnCampaignIdOthersStored()
    {
        // Arrange
        var (mine, theirs) = (Unique("mine"), Unique("theirs"));
        var key = await AddKeyAsync(server, Unique("dialer"), KpiRole.Ingest, mine);

        // Act
        var ack = (await Ingest.RecordCallsAsync(Calls(
            Call($"{mine}-1", mine, "op-1", V1.CallOutcome.Answered, Day.AddHours(9)),
            Call($"{theirs}-1", theirs, "op-1", V1.CallOutcome.Answered, Day.AddHours(9)),
            Call($"{mine}-2", mine, "op-1", V1.CallOutcome.Pitched, Day.AddHours(9))), server.As(null, key))).Ack;

        // Assert
        Assert.Equal(2, ack.Accepted);
        var rejection = Assert.Single(ack.Rejections);
        Assert.Equal((1, "campaign_id"), (rejection.Index, rejection.Field));
        Assert.Contains($"'{theirs}'", rejection.Reason);
        Assert.Contains(mine, rejection.Reason);
        Assert.Empty((await Kpis.QueryKpisAsync(DayOf(theirs), server.As("admin"))).Groups);
        Assert.Equal(2, Assert.Single((await Kpis.QueryKpisAsync(DayOf(mine), server.As("admin"))).Groups).Counts.Dialed);
    }

    [Fact]
    public async Task RecordCalls_ScopedKeyRewritesForeignCall_RejectedOnCallIdAndForeignCallUnchanged()
    {
        // Arrange: the other campaign's call, stored by an unscoped dialer.
        var (mine, theirs) = (Unique("mine"), Unique("theirs"));
        var key = await AddKeyAsync(server, Unique("dialer"), KpiRole.Ingest, mine);
        await Ingest.RecordCallsAsync(Calls(Call($"{theirs}-1", theirs, "op-1", V1.CallOutcome.Appointment, Day.AddHours(9))), server.As("ingest"));

        // Act: a newer revision that would move it into the key's campaign.
        var ack = (await Ingest.RecordCallsAsync(
            Calls(Call($"{theirs}-1", mine, "op-1", V1.CallOutcome.NoAnswer, Day.AddHours(9), revision: 5)), server.As(null, key))).Ack;

        // Assert
        var rejection = Assert.Single(ack.Rejections);
        Assert.Equal("call_id", rejection.Field);
        // The reason names the call the key sent, never the other campaign it is stored under.
        Assert.DoesNotContain(theirs, rejection.Reason.Replace($"{theirs}-1", "", StringComparison.Ordinal));
        Assert.Equal(0, ack.Replaced);
        Assert.Equal(1, Assert.Single((await Kpis.QueryKpisAsync(DayOf(theirs), server.As("admin"))).Groups).Counts.Appointments);
        Assert.Empty((await Kpis.QueryKpisAsync(DayOf(mine), server.As("admin"))).Groups);
    }

    [Fact]
    public async Task RecordAppointmentResults_ScopedKey_OnlyResultsOfItsStoredCallsCount()
    {
        // Arrange: an appointment in each campaign.
        var (mine, theirs) = (Unique("mine"), Unique("theirs"));
        var key = await AddKeyAsync(server, Unique("crm"), KpiRole.Results, mine);
        await Ingest.RecordCallsAsync(Calls(
            Call($"{mine}-1", mine, "op-1", V1.CallOutcome.Appointment, Day.AddHours(9)),
            Call($"{theirs}-1", theirs, "op-1", V1.CallOutcome.Appointment, Day.AddHours(9))), server.As("ingest"));

        // Act: a sale for each, and one for a call the server does not hold.
        var ack = (await Ingest.RecordAppointmentResultsAsync(new V1.RecordAppointmentResultsRequest
        {
            Results = { Sale($"{mine}-1"), Sale($"{theirs}-1"), Sale(Unique("unknown")) },
        }, server.As(null, key))).Ack;

        // Assert
        Assert.Equal(1, ack.Accepted);
        Assert.Equal([(1, "call_id"), (2, "call_id")], ack.Rejections.Select(r => (r.Index, r.Field)));
        Assert.All(ack.Rejections, r => Assert.Contains(mine, r.Reason));
        Assert.Equal(1, Assert.Single((await Kpis.QueryKpisAsync(DayOf(mine), server.As("admin"))).Groups).Counts.Sales);
        Assert.Equal(0, Assert.Single((await Kpis.QueryKpisAsync(DayOf(theirs), server.As("admin"))).Groups).Counts.Sales);
    }

    [Fact]
    public async Task RecordSessions_ScopedKey_ForeignAndCampaignlessSessionsRejected()
    {
        // Arrange
        var (mine, theirs) = (Unique("mine"), Unique("theirs"));
        var key = await AddKeyAsync(server, Unique("dialer"), KpiRole.Ingest, mine);

        // Act
        var ack = (await Ingest.RecordSessionsAsync(new V1.RecordSessionsRequest
        {
            Sessions = { Session(mine), Session(theirs), Session("") },
        }, server.As(null, key))).Ack;

        // Assert
        Assert.Equal(1, ack.Accepted);
        Assert.Equal([(1, "campaign_id"), (2, "campaign_id")], ack.Rejections.Select(r => (r.Index, r.Field)));
    }

    [Fact]
    public async Task QueryKpis_ScopedKeyGroupedByCampaignAndOperator_NoForeignFigure()
    {
        // Arrange: one operator works both campaigns.
        var (mine, theirs) = (Unique("mine"), Unique("theirs"));
        var op = Unique("op");
        var key = await AddKeyAsync(server, Unique("wallboard"), KpiRole.Read, mine);
        await Ingest.RecordCallsAsync(Calls(
            Call($"{mine}-1", mine, op, V1.CallOutcome.Answered, Day.AddHours(9)),
            Call($"{theirs}-1", theirs, op, V1.CallOutcome.Answered, Day.AddHours(9)),
            Call($"{theirs}-2", theirs, op, V1.CallOutcome.Answered, Day.AddHours(9))), server.As("ingest"));
        var day = new V1.QueryKpisRequest { From = At(Day), To = At(Day.AddDays(1)), Filter = new V1.KpiFilter { OperatorIds = { op } } };

        // Act
        var byCampaign = await Kpis.QueryKpisAsync(new V1.QueryKpisRequest(day) { GroupBy = { V1.GroupDimension.Campaign } }, server.As(null, key));
        var byOperator = await Kpis.QueryKpisAsync(new V1.QueryKpisRequest(day) { GroupBy = { V1.GroupDimension.Operator } }, server.As(null, key));
        var unscoped = await Kpis.QueryKpisAsync(new V1.QueryKpisRequest(day) { GroupBy = { V1.GroupDimension.Operator } }, server.As("read"));

        // Assert: the scoped key counts the operator's one call of its campaign, not the other two.
        Assert.Equal(mine, Assert.Single(byCampaign.Groups).Key.CampaignId);
        Assert.Equal(1, Assert.Single(byOperator.Groups).Counts.Dialed);
        Assert.Equal(3, Assert.Single(unscoped.Groups).Counts.Dialed);
    }

    [Fact]
    public async Task QueryKpis_ScopedKeyFilterOfForeignCampaignsOnly_PermissionDenied()
    {
        // Arrange
        var (mine, theirs) = (Unique("mine"), Unique("theirs"));
        var key = await AddKeyAsync(server, Unique("wallboard"), KpiRole.Read, mine);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => Kpis.QueryKpisAsync(DayOf(theirs), server.As(null, key)).ResponseAsync);

        // Assert
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        var info = ErrorInfo(error);
        Assert.Equal(AccessErrors.CampaignOutOfScope, info.Reason);
        Assert.Equal(theirs, info.Metadata["campaign_id"]);
        Assert.Equal(mine, info.Metadata["scope"]);
    }

    [Fact]
    public async Task QueryKpis_ScopedKeyFilterOfBoth_OnlyItsCampaign()
    {
        // Arrange
        var (mine, theirs) = (Unique("mine"), Unique("theirs"));
        var key = await AddKeyAsync(server, Unique("wallboard"), KpiRole.Read, mine);
        await Ingest.RecordCallsAsync(Calls(
            Call($"{mine}-1", mine, "op-1", V1.CallOutcome.Answered, Day.AddHours(9)),
            Call($"{theirs}-1", theirs, "op-1", V1.CallOutcome.Answered, Day.AddHours(9))), server.As("ingest"));
        var query = DayOf(mine, V1.GroupDimension.Campaign);
        query.Filter.CampaignIds.Add(theirs);

        // Act
        var response = await Kpis.QueryKpisAsync(query, server.As(null, key));

        // Assert
        Assert.Equal(mine, Assert.Single(response.Groups).Key.CampaignId);
    }

    [Fact]
    public async Task WatchKpis_ScopedKey_SnapshotAndUpdatesHoldOnlyItsCampaign()
    {
        // Arrange
        var (mine, theirs) = (Unique("mine"), Unique("theirs"));
        var op = Unique("op");
        var key = await AddKeyAsync(server, Unique("wallboard"), KpiRole.Read, mine);
        var now = DateTimeOffset.UtcNow;
        await Ingest.RecordCallsAsync(Calls(Call($"{mine}-1", mine, op, V1.CallOutcome.Answered, now.AddMinutes(-10))), server.As("ingest"));
        using var watch = Kpis.WatchKpis(
            new V1.WatchKpisRequest { Since = At(now.AddHours(-1)), Filter = new V1.KpiFilter { OperatorIds = { op } }, GroupBy = { V1.GroupDimension.Campaign } },
            server.As(null, key));
        var snapshot = await WatchReading.NextAsync(watch);

        // Act: the other campaign changes, then the key's own.
        await Ingest.RecordCallsAsync(Calls(Call($"{theirs}-1", theirs, op, V1.CallOutcome.Answered, now.AddMinutes(-5))), server.As("ingest"));
        await Ingest.RecordCallsAsync(Calls(Call($"{mine}-2", mine, op, V1.CallOutcome.Answered, now.AddMinutes(-5))), server.As("ingest"));
        var update = await WatchReading.NextAsync(watch);

        // Assert
        Assert.Equal((mine, 1L), (Assert.Single(snapshot.Groups).Key.CampaignId, snapshot.Groups[0].Counts.Dialed));
        Assert.Equal((mine, 2L), (Assert.Single(update.Groups).Key.CampaignId, update.Groups[0].Counts.Dialed));
    }

    [Fact]
    public async Task WatchKpis_ScopedKeyFilterOfForeignCampaign_PermissionDenied()
    {
        // Arrange
        var key = await AddKeyAsync(server, Unique("wallboard"), KpiRole.Read, Unique("mine"));

        // Act
        using var watch = Kpis.WatchKpis(WatchReading.Since(DateTimeOffset.UtcNow.AddHours(-1), Unique("theirs")), server.As(null, key));
        using var patience = new CancellationTokenSource(WatchReading.Patience);
        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(patience.Token));

        // Assert
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(AccessErrors.CampaignOutOfScope, ErrorInfo(error).Reason);
    }

    [Fact]
    public async Task ComputeKpis_ScopedKey_GroupsOnlyOfItsCampaign()
    {
        // Arrange
        var (mine, theirs) = (Unique("mine"), Unique("theirs"));
        var key = await AddKeyAsync(server, Unique("analyst"), KpiRole.Compute, mine);
        using var call = new V1.ComputeService.ComputeServiceClient(server.Channel).ComputeKpis(server.As(null, key));

        // Act
        await call.RequestStream.WriteAsync(new V1.ComputeKpisRequest { Query = new V1.ComputeKpisQuery { GroupBy = { V1.GroupDimension.Campaign } } });
        await call.RequestStream.WriteAsync(new V1.ComputeKpisRequest
        {
            Batch = new V1.ComputeKpisBatch
            {
                BatchId = 1,
                Calls = { Call("c-1", mine, "op-1", V1.CallOutcome.Answered, Day.AddHours(9)), Call("c-2", theirs, "op-1", V1.CallOutcome.Answered, Day.AddHours(9)) },
            },
        });
        await call.RequestStream.CompleteAsync();
        var groups = new List<V1.KpiGroup>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            groups.AddRange(call.ResponseStream.Current.Groups?.Groups ?? []);
        }

        // Assert
        Assert.Equal(mine, Assert.Single(groups).Key.CampaignId);
    }

    private static V1.AppointmentResult Sale(string callId) => new()
    {
        CallId = callId,
        Result = V1.AppointmentResultKind.Sale,
        ReportedAt = At(Day.AddHours(12)),
    };

    private static V1.OperatorSession Session(string campaign) => new()
    {
        SessionId = Unique("session"),
        OperatorId = "op-1",
        CampaignId = campaign,
        StartedAt = At(Day.AddHours(9)),
        EndedAt = At(Day.AddHours(10)),
    };
}
