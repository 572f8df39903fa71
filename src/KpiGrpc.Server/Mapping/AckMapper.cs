using KpiGrpc.Core.Ingest;

namespace KpiGrpc.Server.Mapping;

/// <summary>Core batch results to proto acks.</summary>
public static class AckMapper
{
    public static V1.BatchAck ToProto(BatchResult result)
    {
        var ack = new V1.BatchAck
        {
            Accepted = result.Accepted,
            Duplicates = result.Duplicates,
            Replaced = result.Replaced,
            Stale = result.Stale,
        };
        foreach (var rejection in result.Rejections)
        {
            ack.Rejections.Add(new V1.Rejection
            {
                Index = rejection.Index,
                RecordId = rejection.RecordId,
                Field = rejection.Violation.Field,
                Reason = rejection.Violation.Reason,
            });
        }

        return ack;
    }
}
