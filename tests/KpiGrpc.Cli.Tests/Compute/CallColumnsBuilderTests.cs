using Google.Protobuf.WellKnownTypes;
using KpiGrpc.Cli.Compute;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Compute;

public sealed class CallColumnsBuilderTests
{
    [Fact]
    public void Build_RepeatedCampaignsOperatorsAndTeams_EachIdSentOnce()
    {
        // Arrange
        var builder = new CallColumnsBuilder(4);
        builder.Add(Call("c-1", "solar", "op-1", "north"));
        builder.Add(Call("c-2", "solar", "op-2", "north"));
        builder.Add(Call("c-3", "solar", "op-1", "north"));

        // Act
        var columns = builder.Build();

        // Assert: ids in order of first use, each call's operator first.
        Assert.Equal(["op-1", "solar", "north", "op-2"], columns.Ids);
        Assert.Equal([0u, 3u, 0u], columns.OperatorIndexes);
        Assert.Equal([1u, 1u, 1u], columns.CampaignIndexes);
        Assert.Equal([2u, 2u, 2u], columns.TeamIndexes);
        Assert.Equal([3u, 3u, 3u], columns.CallIdLengths);
        Assert.Equal("c-1c-2c-3", columns.CallIds.ToStringUtf8());
    }

    [Fact]
    public void Build_OperatorChangingCampaignAndTeam_EachCallKeepsItsOwnIds()
    {
        // Arrange: the campaign and team of an operator's previous call are tried first; a
        // change, and a change back, must still give each call its own ids.
        var builder = new CallColumnsBuilder(6);
        builder.Add(Call("c-1", "solar", "op-1", "north"));
        builder.Add(Call("c-2", "fibre", "op-1", "north"));
        builder.Add(Call("c-3", "fibre", "op-1", "south"));
        builder.Add(Call("c-4", "solar", "op-1", "north"));
        builder.Add(Call("c-5", "solar", "op-2", ""));
        builder.Add(Call("c-6", "solarium", "op-2", "north"));

        // Act
        var columns = builder.Build();

        // Assert
        var ids = columns.Ids;
        string[] campaigns = [.. columns.CampaignIndexes.Select(i => ids[(int)i])];
        string[] teams = [.. columns.TeamIndexes.Select(i => ids[(int)i])];
        Assert.Equal(["solar", "fibre", "fibre", "solar", "solar", "solarium"], campaigns);
        Assert.Equal(["north", "north", "south", "north", "", "north"], teams);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Build_EveryOptionalValueAtItsDefault_OptionalColumnsLeftEmpty()
    {
        // Arrange
        var builder = new CallColumnsBuilder(2);
        builder.Add(Call("c-1", "solar", "op-1", team: ""));
        builder.Add(Call("c-2", "solar", "op-1", team: ""));

        // Act
        var columns = builder.Build();

        // Assert
        Assert.Empty(columns.TeamIndexes);
        Assert.Empty(columns.LeadIdLengths);
        Assert.True(columns.LeadIds.IsEmpty);
        Assert.Empty(columns.StartedAtNanos);
        Assert.Empty(columns.TalkSeconds);
        Assert.Empty(columns.RemovalRequested);
        Assert.Empty(columns.Revisions);
        Assert.Equal(2, columns.StartedAtSeconds.Count);
        Assert.Equal(2, columns.Outcomes.Count);
    }

    [Fact]
    public void Build_OneCallWithOptionalValues_ColumnsKeptForEveryCall()
    {
        // Arrange
        var builder = new CallColumnsBuilder(2);
        builder.Add(Call("c-1", "solar", "op-1", team: ""));
        var second = Call("c-2", "solar", "op-1", "north", lead: "L-7");
        second.TalkSeconds = 12.5;
        second.RemovalRequested = true;
        second.Revision = 2;
        second.StartedAt.Nanos = 250_000_000;
        builder.Add(second);

        // Act
        var calls = CallColumnsDecoder.Decode(builder.Build());

        // Assert
        Assert.Equal([Call("c-1", "solar", "op-1", team: ""), second], calls);
    }

    [Fact]
    public void Build_NonAsciiIds_LengthsInUtf8Bytes()
    {
        // Arrange
        var builder = new CallColumnsBuilder(1);
        builder.Add(Call("appel-é", "solar", "opérateur-1", "north"));

        // Act
        var columns = builder.Build();

        // Assert
        Assert.Equal([8u], columns.CallIdLengths);
        Assert.Equal("appel-é", CallColumnsDecoder.Decode(columns)[0].CallId);
        Assert.Contains("opérateur-1", columns.Ids);
    }

    [Fact]
    public void Build_AgainAfterMoreCalls_NextMessageHoldsOnlyTheNewCalls()
    {
        // Arrange: one builder serves every batch of a file.
        var builder = new CallColumnsBuilder(2);
        builder.Add(Call("c-1", "solar", "op-1", "north", lead: "L-1"));
        var first = builder.Build();
        builder.Add(Call("c-2", "fibre", "op-2", ""));
        builder.Add(Call("c-3", "fibre", "op-1", ""));
        builder.Add(Call("c-4", "fibre", "op-2", ""));

        // Act
        var second = builder.Build();

        // Assert: the first message is untouched, the second has its own ids and only its calls.
        Assert.Equal([Call("c-1", "solar", "op-1", "north", lead: "L-1")], CallColumnsDecoder.Decode(first));
        Assert.Equal(
            [Call("c-2", "fibre", "op-2", ""), Call("c-3", "fibre", "op-1", ""), Call("c-4", "fibre", "op-2", "")],
            CallColumnsDecoder.Decode(second));
        Assert.Equal(["op-2", "fibre", "", "op-1"], second.Ids);
        Assert.Equal(0, builder.Count);
    }

    private static CallRecord Call(string id, string campaign, string @operator, string team = "north", string lead = "") => new()
    {
        CallId = id,
        CampaignId = campaign,
        OperatorId = @operator,
        TeamId = team,
        LeadId = lead,
        StartedAt = new Timestamp { Seconds = 1_774_689_300 },
        Outcome = CallOutcome.Answered,
    };
}
