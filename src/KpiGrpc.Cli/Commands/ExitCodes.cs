namespace KpiGrpc.Cli.Commands;

/// <summary>The process exit codes of every kpi command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The import finished but some lines were rejected.</summary>
    public const int RejectedLines = 1;

    /// <summary>Bad arguments, a missing file or a missing column: nothing was sent.</summary>
    public const int InvalidInput = 2;

    /// <summary>The server could not be reached or refused the request.</summary>
    public const int ServerError = 3;

    /// <summary>The server refused the API key (UNAUTHENTICATED) or its role or campaigns (PERMISSION_DENIED).</summary>
    public const int AccessDenied = 4;

    /// <summary>Stopped with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
