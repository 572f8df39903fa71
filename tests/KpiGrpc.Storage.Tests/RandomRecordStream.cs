using KpiGrpc.Core.Records;

namespace KpiGrpc.Storage.Tests;

/// <summary>One batch of a random stream: calls, results or sessions (one kind per batch, as the API sends them).</summary>
internal sealed record RandomBatch(IReadOnlyList<CallRecord> Calls, IReadOnlyList<AppointmentResult> Results, IReadOnlyList<OperatorSession> Sessions);

/// <summary>
/// A reproducible stream of records that exercises every ingest rule: call ids drawn from a small
/// pool so that most arrive more than once (identical, at a higher, lower or equal revision, with
/// one field changed, or changed only below what the store keeps: talk time under a millisecond,
/// the same instant in another offset), results before and after their call, for calls that are
/// not appointments and with earlier reports, sessions re-sent as they were or changed, and a few
/// invalid records.
/// </summary>
internal sealed class RandomRecordStream(int seed, DateTimeOffset day)
{
    private const int CallIds = 80;
    private const int SessionIds = 12;
    private static readonly string[] Campaigns = ["camp-a", "camp-b", "camp-c"];
    private static readonly string[] Teams = ["", "team-1", "team-2"];
    private static readonly string[] Operators = ["op-1", "op-2", "op-3", "op-4"];
    private static readonly string[] Leads = ["", "lead-1", "lead-2"];

    private readonly Random _random = new(seed);
    private readonly Dictionary<string, CallRecord> _sent = [];
    private readonly List<OperatorSession> _sessions = [];

    public IEnumerable<RandomBatch> Batches(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var size = _random.Next(1, 40);
            yield return _random.Next(10) switch
            {
                < 6 => new RandomBatch([.. Enumerable.Range(0, size).Select(_ => NextCall())], [], []),
                < 8 => new RandomBatch([], [.. Enumerable.Range(0, size).Select(_ => NextResult())], []),
                _ => new RandomBatch([], [], [.. Enumerable.Range(0, Math.Min(size, 8)).Select(_ => NextSession())]),
            };
        }
    }

    private CallRecord NextCall()
    {
        var id = $"call-{_random.Next(CallIds)}";
        var call = _sent.TryGetValue(id, out var sent) ? Resent(sent) : NewCall(id);
        if (_random.Next(25) == 0)
        {
            return Invalid(call);
        }

        if (!_sent.TryGetValue(id, out var kept) || call.Revision >= kept.Revision)
        {
            _sent[id] = call;
        }

        return call;
    }

    private CallRecord NewCall(string id)
    {
        // Appointments weighted up: sales need one as the call's final version.
        var outcome = _random.Next(4) == 0 ? CallOutcome.Appointment : (CallOutcome)_random.Next(1, 10);
        return new CallRecord(
            id,
            Pick(Campaigns),
            Pick(Operators),
            Pick(Teams),
            Pick(Leads),
            day.AddMinutes(_random.Next(8 * 60, 20 * 60)).AddMilliseconds(_random.Next(1000)),
            outcome,
            outcome.AllowsTalkTime() ? Math.Round(_random.NextDouble() * 600, 4) : 0,
            outcome.IsAnswered() && _random.Next(8) == 0,
            _random.Next(3));
    }

    private CallRecord Resent(CallRecord sent) => _random.Next(9) switch
    {
        0 or 1 => sent,
        2 => sent with { StartedAt = sent.StartedAt.ToOffset(TimeSpan.FromHours(_random.Next(-5, 6))) },
        3 => sent with { TalkSeconds = sent.TalkSeconds == 0 ? 0 : sent.TalkSeconds + 0.0001 },
        4 => Changed(sent) with { Revision = sent.Revision + 1 },
        5 => Changed(sent) with { Revision = Math.Max(0, sent.Revision - 1) },
        6 or 7 => Changed(sent),
        _ => NewCall(sent.CallId) with { Revision = sent.Revision + _random.Next(-1, 2) is var revision and >= 0 ? revision : 0 },
    };

    /// <summary>The call with one field changed, at the same revision.</summary>
    private CallRecord Changed(CallRecord call) => _random.Next(8) switch
    {
        0 => call with { CampaignId = Pick(Campaigns) },
        1 => call with { TeamId = Pick(Teams) },
        2 => call with { OperatorId = Pick(Operators) },
        3 => call with { LeadId = Pick(Leads) },
        4 => call with { StartedAt = call.StartedAt.AddMinutes(_random.Next(-90, 90)) },
        5 => call with { TalkSeconds = call.Outcome.AllowsTalkTime() ? call.TalkSeconds + 1.5 : 0 },
        6 => call with { RemovalRequested = call.Outcome.IsAnswered() && !call.RemovalRequested },
        _ => WithOutcome(call, (CallOutcome)_random.Next(1, 10)),
    };

    private static CallRecord WithOutcome(CallRecord call, CallOutcome outcome) => call with
    {
        Outcome = outcome,
        TalkSeconds = outcome.AllowsTalkTime() ? call.TalkSeconds : 0,
        RemovalRequested = outcome.IsAnswered() && call.RemovalRequested,
    };

    private CallRecord Invalid(CallRecord call) => _random.Next(5) switch
    {
        0 => call with { OperatorId = "" },
        1 => call with { Outcome = CallOutcome.Busy, TalkSeconds = 12 },
        // Control characters: the computation's fast path reads call and lead ids as UTF-8 bytes.
        2 => call with { LeadId = "lead\0" },
        3 => call with { CallId = call.CallId + "\u0085" },
        _ => call with { Revision = -1 },
    };

    private AppointmentResult NextResult()
    {
        // Mostly calls already sent, often appointments; sometimes calls still to come.
        var appointments = _sent.Values.Where(call => call.Outcome == CallOutcome.Appointment).Select(call => call.CallId).ToList();
        var callId = _random.Next(4) switch
        {
            0 => $"call-{_random.Next(CallIds)}",
            1 or 2 when appointments.Count > 0 => appointments[_random.Next(appointments.Count)],
            _ when _sent.Count > 0 => _sent.Keys.ElementAt(_random.Next(_sent.Count)),
            _ => $"call-{_random.Next(CallIds)}",
        };
        var kind = _random.Next(2) == 0 ? AppointmentResultKind.Sale : (AppointmentResultKind)_random.Next(2, 4);
        var reportedAt = day.AddHours(20).AddMinutes(_random.Next(-120, 120));
        return _random.Next(30) == 0 ? new AppointmentResult(callId, (AppointmentResultKind)0, reportedAt) : new AppointmentResult(callId, kind, reportedAt);
    }

    private OperatorSession NextSession()
    {
        if (_sessions.Count > 0 && _random.Next(3) == 0)
        {
            return _sessions[_random.Next(_sessions.Count)];
        }

        var start = day.AddMinutes(_random.Next(7 * 60, 14 * 60) + _random.Next(60) / 60.0);
        var end = _random.Next(30) == 0 ? start : start.AddMinutes(_random.Next(10, 8 * 60));
        var session = new OperatorSession($"session-{_random.Next(SessionIds)}", Pick(Operators), Pick(Teams), _random.Next(3) == 0 ? "" : Pick(Campaigns), start, end);
        _sessions.Add(session);
        return session;
    }

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];
}
