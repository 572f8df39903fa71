using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Computing;

/// <summary>What a computation counts of a call, its ids aside (they are hashed or indexed).</summary>
internal readonly record struct CallFacts(DateTimeOffset StartedAt, CallOutcome Outcome, double TalkSeconds, bool RemovalRequested, int Revision);
