using Google.Protobuf.WellKnownTypes;
using Domain = KpiGrpc.Core.Records;
using V1 = KpiGrpc.V1;

namespace KpiGrpc.Bench;

/// <summary>Core call records as the wire messages a dialer would send.</summary>
public static class ProtoCalls
{
    public static V1.CallRecord ToProto(Domain.CallRecord call) => new()
    {
        CallId = call.CallId,
        CampaignId = call.CampaignId,
        OperatorId = call.OperatorId,
        TeamId = call.TeamId,
        LeadId = call.LeadId,
        StartedAt = Timestamp.FromDateTimeOffset(call.StartedAt),
        Outcome = (V1.CallOutcome)(int)call.Outcome,
        TalkSeconds = call.TalkSeconds,
        RemovalRequested = call.RemovalRequested,
        Revision = call.Revision,
    };

    /// <summary>The calls cut into import requests numbered from 0.</summary>
    public static List<V1.ImportCallsRequest> ToImportBatches(IReadOnlyList<Domain.CallRecord> calls, int batchSize)
    {
        var batches = new List<V1.ImportCallsRequest>((calls.Count + batchSize - 1) / batchSize);
        for (var offset = 0; offset < calls.Count; offset += batchSize)
        {
            var request = new V1.ImportCallsRequest { BatchId = batches.Count };
            for (var i = offset; i < Math.Min(offset + batchSize, calls.Count); i++)
            {
                request.Calls.Add(ToProto(calls[i]));
            }

            batches.Add(request);
        }

        return batches;
    }
}
