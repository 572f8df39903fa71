using System.Text;
using Google.Protobuf;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Records;
using KpiGrpc.Server.Mapping;

namespace KpiGrpc.Server.Tests;

public sealed class CallColumnsViewTests
{
    private const long NineAm = 1_740_992_400; // 2025-03-03T09:00:00Z

    [Fact]
    public void Open_WellFormedColumns_ReadsBackEveryValue()
    {
        // Arrange
        var columns = WellFormed();

        // Act
        var view = CallColumnsView.Open(columns);

        // Assert
        Assert.Equal(3, view.Count);
        Assert.Equal(["camp", "op-1", "t1", "op-2"], view.Ids);
        Assert.Equal(["c1", "appel-é", "c3"], Enumerable.Range(0, 3).Select(i => Encoding.UTF8.GetString(view.CallId(i))));
        Assert.Equal(Encoding.UTF8.GetBytes("appel-é"), view.CallId(1).ToArray());
        Assert.Equal(["lead-1", "", "é"], Enumerable.Range(0, 3).Select(i => Encoding.UTF8.GetString(view.LeadId(i))));
        Assert.Equal([(0, 1, 2), (0, 3, 2), (0, 1, 2)], Enumerable.Range(0, 3).Select(i => (view.CampaignIndex(i), view.OperatorIndex(i), view.TeamIndex(i))));
        var nine = DateTimeOffset.FromUnixTimeSeconds(NineAm);
        Assert.Equal([nine.AddTicks(1_234_567), nine.AddMinutes(1), nine.AddMinutes(2).AddTicks(9_999_999)], Enumerable.Range(0, 3).Select(view.StartedAt));
        Assert.Equal([CallOutcome.Appointment, CallOutcome.Busy, CallOutcome.Answered], Enumerable.Range(0, 3).Select(view.Outcome));
        Assert.Equal([12.5, 0, 30], Enumerable.Range(0, 3).Select(view.TalkSeconds));
        Assert.Equal([false, false, true], Enumerable.Range(0, 3).Select(view.RemovalRequested));
        Assert.Equal([0, 2, 1], Enumerable.Range(0, 3).Select(view.Revision));
    }

    [Fact]
    public void Open_OptionalColumnsLeftEmpty_ReadAsDefaults()
    {
        // Arrange
        var columns = WellFormed();
        columns.TeamIndexes.Clear();
        columns.LeadIds = ByteString.Empty;
        columns.LeadIdLengths.Clear();
        columns.StartedAtNanos.Clear();
        columns.TalkSeconds.Clear();
        columns.RemovalRequested.Clear();
        columns.Revisions.Clear();

        // Act
        var view = CallColumnsView.Open(columns);

        // Assert
        for (var i = 0; i < view.Count; i++)
        {
            Assert.Equal((-1, 0, 0.0, false, 0), (view.TeamIndex(i), view.LeadId(i).Length, view.TalkSeconds(i), view.RemovalRequested(i), view.Revision(i)));
        }

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(NineAm), view.StartedAt(0));
        Assert.Equal("appel-é", Encoding.UTF8.GetString(view.CallId(1)));
    }

    [Fact]
    public void Open_NoCalls_EmptyView()
    {
        // Arrange
        var columns = new V1.CallColumns();

        // Act
        var view = CallColumnsView.Open(columns);

        // Assert
        Assert.Equal(0, view.Count);
    }

    [Fact]
    public void Open_NanosOutOfRange_StartedAtDefaultForTheValidatorToReject()
    {
        // Arrange
        var columns = WellFormed();
        columns.StartedAtNanos[1] = 1_000_000_000;

        // Act
        var view = CallColumnsView.Open(columns);

        // Assert
        Assert.Equal(default, view.StartedAt(1));
        Assert.NotEqual(default, view.StartedAt(0));
    }

    [Theory]
    [InlineData("campaign_indexes")]
    [InlineData("operator_indexes")]
    [InlineData("started_at_seconds")]
    [InlineData("outcomes")]
    public void Open_RequiredColumnOneShort_ThrowsNamingTheColumn(string column)
    {
        // Arrange
        var columns = WellFormed();
        RemoveLast(columns, column);

        // Act
        var error = Assert.Throws<KpiRequestException>(() => CallColumnsView.Open(columns));

        // Assert
        Assert.Equal($"call_columns.{column}", error.Field);
        Assert.Equal($"call_columns.{column} has 2 values for 3 calls", error.Message);
    }

    [Theory]
    [InlineData("team_indexes")]
    [InlineData("started_at_nanos")]
    [InlineData("talk_seconds")]
    [InlineData("removal_requested")]
    [InlineData("revisions")]
    public void Open_OptionalColumnNeitherEmptyNorFull_ThrowsNamingTheColumn(string column)
    {
        // Arrange
        var columns = WellFormed();
        RemoveLast(columns, column);

        // Act
        var error = Assert.Throws<KpiRequestException>(() => CallColumnsView.Open(columns));

        // Assert
        Assert.Equal($"call_columns.{column}", error.Field);
        Assert.Contains("has 2 values for 3 calls", error.Message);
    }

    [Fact]
    public void Open_OptionalColumnLongerThanTheCalls_ThrowsNamingTheColumn()
    {
        // Arrange
        var columns = WellFormed();
        columns.TalkSeconds.Add(1);

        // Act
        var error = Assert.Throws<KpiRequestException>(() => CallColumnsView.Open(columns));

        // Assert
        Assert.Equal("call_columns.talk_seconds", error.Field);
    }

    [Theory]
    [InlineData("campaign_indexes")]
    [InlineData("operator_indexes")]
    [InlineData("team_indexes")]
    public void Open_IndexEqualToTheIdsCount_ThrowsNamingTheColumn(string column)
    {
        // Arrange: 4 ids, so 4 is one past the last.
        var columns = WellFormed();
        Indexes(columns, column)[2] = 4;

        // Act
        var error = Assert.Throws<KpiRequestException>(() => CallColumnsView.Open(columns));

        // Assert
        Assert.Equal($"call_columns.{column}", error.Field);
        Assert.Equal($"call_columns.{column} refers to id 4 at call 2, but ids holds 4", error.Message);
    }

    [Fact]
    public void Open_MoreIdsThanThreePerCall_ThrowsNamingTheIds()
    {
        // Arrange: 3 calls refer to 9 ids at most.
        var columns = WellFormed();
        columns.Ids.Add(Enumerable.Range(0, 6).Select(i => $"unused-{i}"));

        // Act
        var error = Assert.Throws<KpiRequestException>(() => CallColumnsView.Open(columns));

        // Assert
        Assert.Equal("call_columns.ids", error.Field);
        Assert.Contains("10 ids for 3 calls", error.Message);
    }

    [Fact]
    public void Open_NineIdsForThreeCalls_Accepted()
    {
        // Arrange
        var columns = WellFormed();
        columns.Ids.Add(Enumerable.Range(0, 5).Select(i => $"unused-{i}"));

        // Act
        var view = CallColumnsView.Open(columns);

        // Assert
        Assert.Equal(9, view.Ids.Count);
    }

    [Fact]
    public void Open_IndexWithoutAnyIds_Throws()
    {
        // Arrange
        var columns = WellFormed();
        columns.Ids.Clear();

        // Act
        var error = Assert.Throws<KpiRequestException>(() => CallColumnsView.Open(columns));

        // Assert
        Assert.Equal("call_columns.campaign_indexes", error.Field);
    }

    [Theory]
    [InlineData(+1)]
    [InlineData(-1)]
    public void Open_CallIdLengthsNotAddingUpToTheBlob_ThrowsNamingTheLengths(int change)
    {
        // Arrange: the last id ("c3") one byte longer or shorter than call_ids holds.
        var columns = WellFormed();
        columns.CallIdLengths[2] = (uint)(2 + change);

        // Act
        var error = Assert.Throws<KpiRequestException>(() => CallColumnsView.Open(columns));

        // Assert
        Assert.Equal("call_columns.call_id_lengths", error.Field);
        Assert.Equal($"call_columns.call_id_lengths adds up to {12 + change} bytes but call_ids holds 12", error.Message);
    }

    [Fact]
    public void Open_CallIdLengthFarPastTheBlob_ThrowsNamingTheLengths()
    {
        // Arrange
        var columns = WellFormed();
        columns.CallIdLengths[0] = uint.MaxValue;

        // Act
        var error = Assert.Throws<KpiRequestException>(() => CallColumnsView.Open(columns));

        // Assert
        Assert.Equal("call_columns.call_id_lengths", error.Field);
    }

    [Theory]
    [InlineData(+1)]
    [InlineData(-1)]
    public void Open_LeadIdLengthsNotAddingUpToTheBlob_ThrowsNamingTheLengths(int change)
    {
        // Arrange: the last lead ("é", 2 bytes) as 3 bytes or 1 (which also cuts it: either way refused).
        var columns = WellFormed();
        columns.LeadIdLengths[2] = (uint)(2 + change);

        // Act
        var error = Assert.Throws<KpiRequestException>(() => CallColumnsView.Open(columns));

        // Assert
        Assert.Equal("call_columns.lead_id_lengths", error.Field);
    }

    [Fact]
    public void Open_LeadIdsWithoutTheirLengths_ThrowsNamingTheLengths()
    {
        // Arrange
        var columns = WellFormed();
        columns.LeadIdLengths.Clear();

        // Act
        var error = Assert.Throws<KpiRequestException>(() => CallColumnsView.Open(columns));

        // Assert
        Assert.Equal("call_columns.lead_id_lengths", error.Field);
        Assert.Equal("call_columns.lead_id_lengths has 0 values for 3 calls", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]             // a lead byte without its continuation
    [InlineData(new byte[] { 0xC0, 0xAF })]       // overlong "/"
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // a UTF-16 surrogate
    public void Open_CallIdsNotUtf8_ThrowsNamingTheBlob(byte[] bad)
    {
        // Arrange: the bad bytes stand for the last call_id.
        var columns = WellFormed();
        columns.CallIds = ByteString.CopyFrom([.. Encoding.UTF8.GetBytes("c1appel-é"), .. bad]);
        columns.CallIdLengths[2] = (uint)bad.Length;

        // Act
        var error = Assert.Throws<KpiRequestException>(() => CallColumnsView.Open(columns));

        // Assert
        Assert.Equal("call_columns.call_ids", error.Field);
        Assert.Equal("call_columns.call_ids is not valid UTF-8", error.Message);
    }

    [Fact]
    public void Open_LeadIdsNotUtf8_ThrowsNamingTheBlob()
    {
        // Arrange
        var columns = WellFormed();
        columns.LeadIds = ByteString.CopyFrom([.. Encoding.UTF8.GetBytes("lead-1"), 0xFF, 0xFE]);

        // Act
        var error = Assert.Throws<KpiRequestException>(() => CallColumnsView.Open(columns));

        // Assert
        Assert.Equal("call_columns.lead_ids", error.Field);
    }

    [Fact]
    public void Open_CallIdLengthCuttingACharacter_ThrowsNamingTheLengths()
    {
        // Arrange: "appel-é" ends with 0xC3 0xA9; 7 bytes for it and 3 for "c3" add up but cut "é".
        var columns = WellFormed();
        columns.CallIdLengths[1] = 7;
        columns.CallIdLengths[2] = 3;

        // Act
        var error = Assert.Throws<KpiRequestException>(() => CallColumnsView.Open(columns));

        // Assert
        Assert.Equal("call_columns.call_id_lengths", error.Field);
        Assert.Equal("call_columns.call_id_lengths cuts call_ids inside a character at call 1", error.Message);
    }

    [Fact]
    public void Open_LeadIdLengthCuttingACharacter_ThrowsNamingTheLengths()
    {
        // Arrange: the blob "lead-1" + "é" with lengths 7, 0, 1 cuts "é" after its first byte.
        var columns = WellFormed();
        columns.LeadIdLengths[0] = 7;
        columns.LeadIdLengths[2] = 1;

        // Act
        var error = Assert.Throws<KpiRequestException>(() => CallColumnsView.Open(columns));

        // Assert
        Assert.Equal("call_columns.lead_id_lengths", error.Field);
        Assert.Contains("cuts lead_ids inside a character at call 0", error.Message);
    }

    /// <summary>Three calls, every column filled; ids: 0 camp, 1 op-1, 2 t1, 3 op-2; call_ids are 12 bytes.</summary>
    private static V1.CallColumns WellFormed() => new()
    {
        Ids = { "camp", "op-1", "t1", "op-2" },
        CallIds = ByteString.CopyFromUtf8("c1appel-éc3"),
        CallIdLengths = { 2, 8, 2 },
        CampaignIndexes = { 0, 0, 0 },
        OperatorIndexes = { 1, 3, 1 },
        TeamIndexes = { 2, 2, 2 },
        LeadIds = ByteString.CopyFromUtf8("lead-1é"),
        LeadIdLengths = { 6, 0, 2 },
        StartedAtSeconds = { NineAm, NineAm + 60, NineAm + 120 },
        StartedAtNanos = { 123_456_700, 0, 999_999_900 },
        Outcomes = { V1.CallOutcome.Appointment, V1.CallOutcome.Busy, V1.CallOutcome.Answered },
        TalkSeconds = { 12.5, 0, 30 },
        RemovalRequested = { false, false, true },
        Revisions = { 0, 2, 1 },
    };

    private static Google.Protobuf.Collections.RepeatedField<uint> Indexes(V1.CallColumns columns, string column) => column switch
    {
        "campaign_indexes" => columns.CampaignIndexes,
        "operator_indexes" => columns.OperatorIndexes,
        "team_indexes" => columns.TeamIndexes,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };

    private static void RemoveLast(V1.CallColumns columns, string column)
    {
        switch (column)
        {
            case "campaign_indexes" or "operator_indexes" or "team_indexes":
                Indexes(columns, column).RemoveAt(2);
                break;
            case "started_at_seconds":
                columns.StartedAtSeconds.RemoveAt(2);
                break;
            case "started_at_nanos":
                columns.StartedAtNanos.RemoveAt(2);
                break;
            case "outcomes":
                columns.Outcomes.RemoveAt(2);
                break;
            case "talk_seconds":
                columns.TalkSeconds.RemoveAt(2);
                break;
            case "removal_requested":
                columns.RemovalRequested.RemoveAt(2);
                break;
            case "revisions":
                columns.Revisions.RemoveAt(2);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(column), column, null);
        }
    }
}
