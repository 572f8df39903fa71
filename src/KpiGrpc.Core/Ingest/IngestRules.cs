using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Ingest;

/// <summary>How a record that arrives meets the record already stored under the same id.</summary>
public static class IngestRules
{
    /// <summary>Revisions order calls; at an equal revision new content wins (a correction that forgot to bump it).</summary>
    public static IngestOutcome Decide(CallRecord? stored, CallRecord incoming) =>
        stored is null
            ? IngestOutcome.Accepted
            : DecideCall(stored.Revision, incoming.Revision, stored.Revision == incoming.Revision && SameContent(stored, incoming));

    /// <summary>
    /// The rule of <see cref="Decide(CallRecord?, CallRecord)"/> for a call already stored, from
    /// its revisions and whether the content is the same (only read at an equal revision): for a
    /// caller that keeps calls in another form (a computation keeps a fingerprint of the content).
    /// </summary>
    public static IngestOutcome DecideCall(int storedRevision, int incomingRevision, bool sameContent) =>
        incomingRevision < storedRevision ? IngestOutcome.Stale
        : incomingRevision > storedRevision ? IngestOutcome.Replaced
        : sameContent ? IngestOutcome.Duplicate
        : IngestOutcome.Replaced;

    /// <summary>The latest report wins; at an equal instant the later arrival wins.</summary>
    public static IngestOutcome Decide(AppointmentResult? stored, AppointmentResult incoming) => stored switch
    {
        null => IngestOutcome.Accepted,
        _ when incoming.ReportedAt < stored.ReportedAt => IngestOutcome.Stale,
        _ when incoming == stored => IngestOutcome.Duplicate,
        _ => IngestOutcome.Replaced,
    };

    /// <summary>A session sent again with other times or keys replaces the stored one.</summary>
    public static IngestOutcome Decide(OperatorSession? stored, OperatorSession incoming) => stored switch
    {
        null => IngestOutcome.Accepted,
        _ when incoming == stored => IngestOutcome.Duplicate,
        _ => IngestOutcome.Replaced,
    };

    /// <summary>Equal as stored: talk time compares to the millisecond the store keeps.</summary>
    public static bool SameContent(CallRecord a, CallRecord b) =>
        a with { TalkSeconds = 0 } == b with { TalkSeconds = 0 }
        && Counting.KpiCounters.ToMilliseconds(a.TalkSeconds) == Counting.KpiCounters.ToMilliseconds(b.TalkSeconds);
}
