namespace KpiGrpc.Server.Access;

/// <summary>The access log: every refusal with the key's name (never its secret) and the peer.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(101, LogLevel.Warning, "{Method} refused (UNAUTHENTICATED, {Reason}): key {KeyName}, peer {Peer}")]
    public static partial void AuthenticationFailed(ILogger logger, string method, string reason, string keyName, string peer);

    [LoggerMessage(102, LogLevel.Warning, "{Method} refused (PERMISSION_DENIED, MISSING_ROLE): key {KeyName} lacks the {Role} role, peer {Peer}")]
    public static partial void RoleMissing(ILogger logger, string method, string keyName, string role, string peer);

    [LoggerMessage(103, LogLevel.Warning, "{Method} ended (UNAUTHENTICATED, KEY_REVOKED): key {KeyName} was revoked while the call was open, peer {Peer}")]
    public static partial void CallEndedByRevocation(ILogger logger, string method, string keyName, string peer);

    [LoggerMessage(104, LogLevel.Warning, "{Method} refused (PERMISSION_DENIED, CAMPAIGN_OUT_OF_SCOPE): key {KeyName}: {Reason}, peer {Peer}")]
    public static partial void CampaignOutOfScope(ILogger logger, string method, string keyName, string reason, string peer);

    [LoggerMessage(105, LogLevel.Information, "Keys file {Path} re-read: {Count} keys; revoked or changed: {Revoked}")]
    public static partial void KeysFileReloaded(ILogger logger, string path, int count, string revoked);

    [LoggerMessage(106, LogLevel.Error, "Keys file {Path} cannot be used, so no key is accepted until it is fixed: {Problem}")]
    public static partial void KeysFileInvalid(ILogger logger, string path, string problem);

    [LoggerMessage(108, LogLevel.Warning, "{Method} refused (UNAUTHENTICATED, INVALID_TOKEN): token {Failed}, subject {Subject} (unverified), peer {Peer}")]
    public static partial void TokenRefused(ILogger logger, string method, string failed, string subject, string peer);

    [LoggerMessage(109, LogLevel.Information, "JWKS file {Path} re-read: {Count} signing keys")]
    public static partial void JwksFileReloaded(ILogger logger, string path, int count);

    [LoggerMessage(110, LogLevel.Error, "JWKS file {Path} cannot be used; the signing keys read before stay until it is fixed: {Problem}")]
    public static partial void JwksFileInvalid(ILogger logger, string path, string problem);

    [LoggerMessage(111, LogLevel.Warning, "{Method} ended (UNAUTHENTICATED, TOKEN_EXPIRED): the token of {Subject} expired while the call was open, peer {Peer}")]
    public static partial void CallEndedByExpiry(ILogger logger, string method, string subject, string peer);

    [LoggerMessage(107, LogLevel.Information, "Authentication: {Mode}")]
    public static partial void Mode(ILogger logger, string mode);
}
