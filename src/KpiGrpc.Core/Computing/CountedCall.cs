using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Computing;

/// <summary>
/// What a computation keeps of each distinct call: enough to apply the ingest rules to a later
/// copy and to take its counts back out when a newer revision replaces it. 32 bytes.
/// </summary>
/// <param name="Fingerprint">The call's content, hashed (<see cref="CallFingerprint"/>).</param>
/// <param name="Series">Index of the call's (campaign, team, operator) in the computation.</param>
/// <param name="Slot">The call's 15-minute slot; an int holds every slot a valid call can have.</param>
internal readonly record struct CountedCall(
    long Fingerprint,
    int Series,
    int Slot,
    int TalkMilliseconds,
    int Revision,
    CallOutcome Outcome,
    bool RemovalRequested);
