using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Ingest;

/// <summary>
/// What two copies of a call compare to tell a duplicate from a correction at the same
/// revision: where it counts, when, how it ended, talk time to the millisecond a store keeps,
/// removal, lead. The one definition for every path: a store compares it field by field, a
/// computation keeps a 64-bit fingerprint of it (<c>CallFingerprint</c>, held equal by a test).
/// </summary>
/// <typeparam name="TSeries">The series: a <see cref="SeriesKey"/>, or a computation's number for one.</typeparam>
/// <typeparam name="TLead">The lead id, or a hash of it.</typeparam>
public readonly record struct CallContent<TSeries, TLead>(
    TSeries Series,
    TLead Lead,
    long StartedAtUtcTicks,
    CallOutcome Outcome,
    long TalkMilliseconds,
    bool RemovalRequested);

/// <summary>The content of a <see cref="CallRecord"/>.</summary>
public static class CallContent
{
    public static CallContent<SeriesKey, string> Of(CallRecord call) => new(
        call.Series,
        call.LeadId,
        call.StartedAt.UtcTicks,
        call.Outcome,
        KpiCounters.ToMilliseconds(call.TalkSeconds),
        call.RemovalRequested);
}
