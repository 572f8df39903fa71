using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Ingest;

/// <summary>How a record that arrives meets the record already stored under the same id; <see cref="IngestEngine"/> applies the decision.</summary>
public static class IngestRules
{
    /// <summary>
    /// Revisions order calls; at an equal revision new content wins (a correction that forgot
    /// to bump it) and the same content is a duplicate.
    /// </summary>
    public static IngestOutcome Decide<TCall>(in TCall stored, in TCall incoming)
        where TCall : IKeptCall<TCall> =>
        incoming.Revision < stored.Revision ? IngestOutcome.Stale
        : incoming.Revision > stored.Revision ? IngestOutcome.Replaced
        : TCall.SameContent(stored, incoming) ? IngestOutcome.Duplicate
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

    /// <summary>Equal as stored: the same <see cref="CallContent{TSeries, TLead}"/>.</summary>
    public static bool SameContent(CallRecord a, CallRecord b) => CallContent.Of(a) == CallContent.Of(b);
}
