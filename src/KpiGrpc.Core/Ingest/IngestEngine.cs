using System.Runtime.CompilerServices;
using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Core.Ingest;

/// <summary>
/// The ingest rules applied: how one valid record changes what a store keeps and its rollups,
/// given what is kept under the same id (<see cref="IngestRules"/> decides, this applies). Every
/// store and the stateless computation call these methods, so they agree by construction.
/// </summary>
/// <remarks>
/// Generic over the ledger so that a struct ledger (the computation's) gets its own compiled
/// code with the ledger's methods inlined: it runs for every one of millions of calls.
/// </remarks>
public static class IngestEngine
{
    /// <summary>
    /// A new call counts once (with its sale, if its result came first); a replacing one takes
    /// the stored call's counts back out and puts its own in; a duplicate or stale one changes nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IngestOutcome ApplyCall<TLedger, TCall>(TLedger ledger, in TCall call)
        where TLedger : IIngestLedger<TCall>
        where TCall : IKeptCall<TCall>
    {
        if (ledger.TryAddCall(call, out var stored))
        {
            ledger.AddToRollup(call, KpiCounters.FromCall(call, call.Outcome.IsAppointment() && ledger.IsSale(call)));
            return IngestOutcome.Accepted;
        }

        return ApplyCallOverKept(ledger, call, stored);
    }

    // Out of line: a call whose id is already kept (a duplicate or a revision) is the rare case.
    private static IngestOutcome ApplyCallOverKept<TLedger, TCall>(TLedger ledger, in TCall call, TCall stored)
        where TLedger : IIngestLedger<TCall>
        where TCall : IKeptCall<TCall>
    {
        var outcome = IngestRules.Decide(stored, call);
        if (outcome == IngestOutcome.Replaced)
        {
            ledger.ReplaceCall(call);
            var isSale = (stored.Outcome.IsAppointment() || call.Outcome.IsAppointment()) && ledger.IsSale(call);
            ledger.AddToRollup(stored, -KpiCounters.FromCall(stored, isSale));
            ledger.AddToRollup(call, KpiCounters.FromCall(call, isSale));
        }

        return outcome;
    }

    /// <summary>
    /// The latest result is kept; a sale it adds or withdraws counts on the call that booked the
    /// appointment, in that call's series and slot, if the call is (still) an appointment.
    /// </summary>
    public static IngestOutcome ApplyResult<TLedger, TCall>(TLedger ledger, AppointmentResult result)
        where TLedger : IIngestLedger<TCall>
        where TCall : IKeptCall<TCall>
    {
        var stored = ledger.FindResult(result.CallId);
        var outcome = IngestRules.Decide(stored, result);
        if (outcome is not (IngestOutcome.Accepted or IngestOutcome.Replaced))
        {
            return outcome;
        }

        ledger.PutResult(result);
        var salesChange = (result.IsSale ? 1 : 0) - (stored?.IsSale == true ? 1 : 0);
        if (salesChange != 0 && ledger.TryFindCall(result.CallId, out var call) && call.Outcome.IsAppointment())
        {
            ledger.AddToRollup(call, KpiCounters.FromSales(salesChange));
        }

        return outcome;
    }

    /// <summary>A new or changed session adds its logged time slot by slot; a changed one first takes the old time back out.</summary>
    public static IngestOutcome ApplySession<TLedger, TCall>(TLedger ledger, OperatorSession session)
        where TLedger : IIngestLedger<TCall>
        where TCall : IKeptCall<TCall>
    {
        var stored = ledger.FindSession(session.SessionId);
        var outcome = IngestRules.Decide(stored, session);
        if (outcome is IngestOutcome.Accepted or IngestOutcome.Replaced)
        {
            ledger.PutSession(session);
            if (stored is not null)
            {
                AddLoggedTime<TLedger, TCall>(ledger, stored, -1);
            }

            AddLoggedTime<TLedger, TCall>(ledger, session, +1);
        }

        return outcome;
    }

    private static void AddLoggedTime<TLedger, TCall>(TLedger ledger, OperatorSession session, int sign)
        where TLedger : IIngestLedger<TCall>
        where TCall : IKeptCall<TCall>
    {
        foreach (var (slot, duration) in TimeBuckets.Split(session.StartedAt, session.EndedAt))
        {
            var logged = KpiCounters.FromLoggedTime(duration);
            ledger.AddToRollup(session.Series, slot, sign > 0 ? logged : -logged);
        }
    }
}
