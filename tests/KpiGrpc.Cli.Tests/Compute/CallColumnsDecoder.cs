using System.Text;
using Google.Protobuf.WellKnownTypes;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Compute;

/// <summary>A CallColumns message back into call records, as the contract describes it: what the tests compare.</summary>
internal static class CallColumnsDecoder
{
    public static List<CallRecord> Decode(CallColumns columns)
    {
        var calls = new List<CallRecord>();
        int callIdAt = 0, leadIdAt = 0;
        for (var i = 0; i < columns.CallIdLengths.Count; i++)
        {
            var callIdLength = (int)columns.CallIdLengths[i];
            var leadIdLength = columns.LeadIdLengths.Count == 0 ? 0 : (int)columns.LeadIdLengths[i];
            calls.Add(new CallRecord
            {
                CallId = Encoding.UTF8.GetString(columns.CallIds.Span.Slice(callIdAt, callIdLength)),
                CampaignId = columns.Ids[(int)columns.CampaignIndexes[i]],
                OperatorId = columns.Ids[(int)columns.OperatorIndexes[i]],
                TeamId = columns.TeamIndexes.Count == 0 ? "" : columns.Ids[(int)columns.TeamIndexes[i]],
                LeadId = Encoding.UTF8.GetString(columns.LeadIds.Span.Slice(leadIdAt, leadIdLength)),
                StartedAt = new Timestamp { Seconds = columns.StartedAtSeconds[i], Nanos = columns.StartedAtNanos.Count == 0 ? 0 : columns.StartedAtNanos[i] },
                Outcome = columns.Outcomes[i],
                TalkSeconds = columns.TalkSeconds.Count == 0 ? 0 : columns.TalkSeconds[i],
                RemovalRequested = columns.RemovalRequested.Count != 0 && columns.RemovalRequested[i],
                Revision = columns.Revisions.Count == 0 ? 0 : columns.Revisions[i],
            });
            callIdAt += callIdLength;
            leadIdAt += leadIdLength;
        }

        return calls;
    }
}
