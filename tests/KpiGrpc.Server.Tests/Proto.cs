using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Google.Rpc;

namespace KpiGrpc.Server.Tests;

/// <summary>Small builders so each test states only what it is about.</summary>
internal static class Proto
{
    /// <summary>A Monday in the past: far enough back that any query range is valid.</summary>
    public static readonly DateTimeOffset Day = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static Timestamp At(DateTimeOffset instant) => Timestamp.FromDateTimeOffset(instant);

    public static V1.CallRecord Call(
        string id,
        string campaign,
        string operatorId,
        V1.CallOutcome outcome,
        DateTimeOffset startedAt,
        double talkSeconds = 0,
        string team = "",
        int revision = 0) => new()
        {
            CallId = id,
            CampaignId = campaign,
            OperatorId = operatorId,
            TeamId = team,
            StartedAt = At(startedAt),
            Outcome = outcome,
            TalkSeconds = talkSeconds,
            Revision = revision,
        };

    public static V1.RecordCallsRequest Calls(params V1.CallRecord[] calls) => new() { Calls = { calls } };

    /// <summary>The query of one day (Proto.Day) for one campaign.</summary>
    public static V1.QueryKpisRequest DayOf(string campaign, params V1.GroupDimension[] groupBy) => new()
    {
        From = At(Day),
        To = At(Day.AddDays(1)),
        Filter = new V1.KpiFilter { CampaignIds = { campaign } },
        GroupBy = { groupBy },
    };

    /// <summary>The single field violation an InvalidArgument error carries.</summary>
    public static BadRequest.Types.FieldViolation FieldViolation(RpcException error)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var status = error.GetRpcStatus();
        Assert.NotNull(status);
        var detail = Assert.Single(status.Details);
        return Assert.Single(detail.Unpack<BadRequest>().FieldViolations);
    }
}
