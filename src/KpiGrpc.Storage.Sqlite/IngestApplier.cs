using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;
using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// Applies the idempotency rules of <see cref="IngestRules"/> to each record inside the open
/// transaction, and gathers what the rollups must gain or lose.
/// </summary>
internal sealed class IngestApplier(SqliteConnection connection, SeriesTable series) : IDisposable
{
    private readonly CallTable _calls = new(connection, series);
    private readonly ResultTable _results = new(connection);
    private readonly SessionTable _sessions = new(connection, series);

    public IngestOutcome Apply(CallRecord call, RollupDelta delta)
    {
        // Fast path: a new call_id is one insert (and a result look-up for appointments).
        if (_calls.TryInsert(call))
        {
            delta.AddCall(call, call.Outcome.IsAppointment() && _results.IsSale(call.CallId), +1);
            return IngestOutcome.Accepted;
        }

        var stored = _calls.Find(call.CallId);
        var outcome = IngestRules.Decide(stored, call);
        if (outcome == IngestOutcome.Replaced && stored is not null)
        {
            _calls.Replace(call);
            var isSale = (stored.Outcome.IsAppointment() || call.Outcome.IsAppointment()) && _results.IsSale(call.CallId);
            delta.AddCall(stored, isSale, -1);
            delta.AddCall(call, isSale, +1);
        }

        return outcome;
    }

    public IngestOutcome Apply(AppointmentResult result, RollupDelta delta)
    {
        var stored = _results.Find(result.CallId);
        var outcome = IngestRules.Decide(stored, result);
        if (outcome is not (IngestOutcome.Accepted or IngestOutcome.Replaced))
        {
            return outcome;
        }

        _results.Upsert(result);
        var salesChange = (result.IsSale ? 1 : 0) - (stored?.IsSale == true ? 1 : 0);
        if (salesChange != 0 && _calls.Find(result.CallId) is { Outcome: CallOutcome.Appointment } call)
        {
            delta.Add(call.Series, TimeBuckets.SlotOf(call.StartedAt), KpiCounters.FromSales(salesChange));
        }

        return outcome;
    }

    public IngestOutcome Apply(OperatorSession session, RollupDelta delta)
    {
        var stored = _sessions.Find(session.SessionId);
        var outcome = IngestRules.Decide(stored, session);
        if (outcome is IngestOutcome.Accepted or IngestOutcome.Replaced)
        {
            _sessions.Upsert(session);
            if (stored is not null)
            {
                delta.AddSession(stored, -1);
            }

            delta.AddSession(session, +1);
        }

        return outcome;
    }

    public void Dispose()
    {
        _calls.Dispose();
        _results.Dispose();
        _sessions.Dispose();
    }
}
