namespace KpiGrpc.Server.Access;

/// <summary>Who may call the server (<c>Kpi:Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Kpi:Auth";

    /// <summary>
    /// The keys file (made with <c>kpi keys add</c>; <c>--keys-file</c>). When set, every RPC but
    /// health and reflection needs one of its keys; the file is re-read when it changes.
    /// </summary>
    public string? KeysFile { get; set; }

    /// <summary>
    /// Serve without authentication on addresses other than loopback (<c>--allow-anonymous</c>).
    /// Without it, a server with no keys file and no JWT listens on loopback only, or refuses to start.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// With mutual TLS (<c>--tls-client-ca</c>) and a keys file: a call without a bearer whose client certificate's
    /// subject CN names a key of the file is that key (its roles and campaigns; revoking it refuses the certificate).
    /// Default false: a client certificate only proves the client may connect.
    /// </summary>
    public bool ClientCertificateKeys { get; set; }

    /// <summary>JWT bearer tokens, accepted beside the keys (<c>Kpi:Auth:Jwt</c>).</summary>
    public JwtAuthOptions Jwt { get; set; } = new();

    /// <summary>Whether any credential is asked for: a keys file, JWT, or both. Without, the server is open.</summary>
    public bool IsAuthenticated => !string.IsNullOrEmpty(KeysFile) || Jwt.IsConfigured;
}
