namespace KpiGrpc.Core.Ingest;

/// <summary>What storing one valid record did.</summary>
public enum IngestOutcome
{
    /// <summary>A new record, now stored.</summary>
    Accepted,

    /// <summary>Identical to the stored record: nothing changed.</summary>
    Duplicate,

    /// <summary>Replaced the stored record (newer revision or report, or new content at the same one).</summary>
    Replaced,

    /// <summary>Older than the stored record: ignored.</summary>
    Stale,

    /// <summary>
    /// Refused for a scoped caller: the id is kept under a campaign outside its scope (or, for a
    /// result, its call is not kept under the scope). Nothing changed; reported as a rejection.
    /// </summary>
    OutOfScope,
}
