using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Access;

/// <summary>
/// The ingest rules for a scoped caller, applied by a store inside its transaction: a record whose
/// id is stored under a campaign outside the scope is refused (<see cref="IngestOutcome.OutOfScope"/>),
/// so a key can neither move another campaign's call into its own nor add sales to it. Everything
/// else is <see cref="IngestEngine"/>'s.
/// </summary>
public static class ScopedIngest
{
    public static IngestOutcome ApplyCall<TLedger>(TLedger ledger, CallRecord call, CampaignScope scope)
        where TLedger : IIngestLedger<CallRecord> =>
        scope.IsRestricted && ledger.TryFindCall(call.CallId, out var stored) && !scope.Allows(stored.CampaignId)
            ? IngestOutcome.OutOfScope
            : IngestEngine.ApplyCall(ledger, call);

    /// <summary>A result counts on its call's campaign: the call must be stored, under the scope.</summary>
    public static IngestOutcome ApplyResult<TLedger>(TLedger ledger, AppointmentResult result, CampaignScope scope)
        where TLedger : IIngestLedger<CallRecord> =>
        scope.IsRestricted && !(ledger.TryFindCall(result.CallId, out var call) && scope.Allows(call.CampaignId))
            ? IngestOutcome.OutOfScope
            : IngestEngine.ApplyResult<TLedger, CallRecord>(ledger, result);

    public static IngestOutcome ApplySession<TLedger>(TLedger ledger, OperatorSession session, CampaignScope scope)
        where TLedger : IIngestLedger<CallRecord> =>
        scope.IsRestricted && ledger.FindSession(session.SessionId) is { } stored && !scope.Allows(stored.CampaignId)
            ? IngestOutcome.OutOfScope
            : IngestEngine.ApplySession<TLedger, CallRecord>(ledger, session);
}
