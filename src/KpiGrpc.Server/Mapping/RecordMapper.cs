using KpiGrpc.Core.Records;
using Google.Protobuf.Collections;

namespace KpiGrpc.Server.Mapping;

/// <summary>
/// Proto records to Core records, field by field. Nothing is validated here: the Core
/// validator reports each bad record with its index, so one bad record never fails a batch.
/// Proto enum numbers equal the Core ones; UNSPECIFIED (0) maps to an undefined value that
/// the validator rejects.
/// </summary>
public static class RecordMapper
{
    public static CallRecord ToCore(V1.CallRecord call) => new(
        call.CallId,
        call.CampaignId,
        call.OperatorId,
        call.TeamId,
        call.LeadId,
        ProtoTime.ToInstantOrDefault(call.StartedAt),
        (CallOutcome)call.Outcome,
        call.TalkSeconds,
        call.RemovalRequested,
        call.Revision);

    public static AppointmentResult ToCore(V1.AppointmentResult result) => new(
        result.CallId,
        (AppointmentResultKind)result.Result,
        ProtoTime.ToInstantOrDefault(result.ReportedAt));

    public static OperatorSession ToCore(V1.OperatorSession session) => new(
        session.SessionId,
        session.OperatorId,
        session.TeamId,
        session.CampaignId,
        ProtoTime.ToInstantOrDefault(session.StartedAt),
        ProtoTime.ToInstantOrDefault(session.EndedAt));

    // Plain loops into exact-size arrays: this is the ingest hot path.
    public static CallRecord[] ToCore(RepeatedField<V1.CallRecord> calls)
    {
        var mapped = new CallRecord[calls.Count];
        for (var i = 0; i < mapped.Length; i++)
        {
            mapped[i] = ToCore(calls[i]);
        }

        return mapped;
    }

    public static AppointmentResult[] ToCore(RepeatedField<V1.AppointmentResult> results)
    {
        var mapped = new AppointmentResult[results.Count];
        for (var i = 0; i < mapped.Length; i++)
        {
            mapped[i] = ToCore(results[i]);
        }

        return mapped;
    }

    public static OperatorSession[] ToCore(RepeatedField<V1.OperatorSession> sessions)
    {
        var mapped = new OperatorSession[sessions.Count];
        for (var i = 0; i < mapped.Length; i++)
        {
            mapped[i] = ToCore(sessions[i]);
        }

        return mapped;
    }
}
