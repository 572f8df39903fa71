using System.Security.Cryptography;
using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using KpiGrpc.Core.Access;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KpiGrpc.Server.Tests.Access;

/// <summary>
/// The real host, in memory, trusting JWTs signed by a key this fixture creates (its public half in a
/// JWKS file), beside a keys file with one admin key "admin". <see cref="Token"/> issues tokens.
/// </summary>
public sealed class JwtKpiServer : KpiServerFactory
{
    public const string Issuer = "https://sso.test.example";
    public const string Audience = "kpi-grpc-tests";
    private const string KeyId = "test-signing-key";

    private readonly RSA _signing;
    private readonly string _adminKey;

    public JwtKpiServer()
        : this(RSA.Create(2048), TempPath("jwks"), TempPath("keys"), ApiKeySecret.Generate(), clockSkew: null)
    {
    }

    private JwtKpiServer(RSA signing, string jwksFile, string keysFile, string adminKey, TimeSpan? clockSkew)
        : base(new Dictionary<string, string?>
        {
            ["Kpi:Auth:KeysFile"] = keysFile,
            ["Kpi:Auth:Jwt:Issuer"] = Issuer,
            ["Kpi:Auth:Jwt:Audience"] = Audience,
            ["Kpi:Auth:Jwt:SigningKeysFile"] = jwksFile,
            ["Kpi:Auth:Jwt:ClockSkew"] = (clockSkew ?? TimeSpan.FromMinutes(5)).ToString(),
        })
    {
        _signing = signing;
        _adminKey = adminKey;
        JwksFile = jwksFile;
        KeysFile = keysFile;
        File.WriteAllText(jwksFile, Jwks(signing));
        new ApiKeyFile([new ApiKeyEntry("admin", [KpiRole.Admin.Name()], null, ApiKeySecret.Hash(adminKey), DateTimeOffset.UtcNow)]).Save(keysFile);
    }

    public string JwksFile { get; }

    /// <summary>A host taking tokens only up to their exp (no clock skew), for the expiry tests.</summary>
    public static JwtKpiServer WithoutClockSkew() => new(RSA.Create(2048), TempPath("jwks"), TempPath("keys"), ApiKeySecret.Generate(), TimeSpan.Zero);

    /// <summary>Replaces the JWKS file with the public half of <paramref name="signing"/> alone, as a key rotation does.</summary>
    public void RotateTo(RSA signing) => File.WriteAllText(JwksFile, Jwks(signing));

    public string KeysFile { get; }

    /// <summary>What the server logged.</summary>
    public RecordedLogs Logs { get; } = new();

    /// <summary>A token for <paramref name="subject"/>; every part can be made wrong for the refusal tests.</summary>
    public string Token(
        string subject,
        string[] roles,
        string[]? campaigns = null,
        DateTime? expires = null,
        string audience = Audience,
        string issuer = Issuer,
        RSA? signedBy = null)
    {
        var claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = subject, ["roles"] = roles };
        if (campaigns is not null)
        {
            claims["campaigns"] = campaigns;
        }

        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expiry.AddMinutes(-20),
            NotBefore = expiry.AddMinutes(-20),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signedBy ?? _signing) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    public static CallOptions Bearer(string credential) => new(new Metadata { { "authorization", $"Bearer {credential}" } });

    public CallOptions AsAdminKey() => Bearer(_adminKey);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _signing.Dispose();
        File.Delete(JwksFile);
        File.Delete(KeysFile);
    }

    /// <summary>The public half of the key, as an identity provider publishes it.</summary>
    private static string Jwks(RSA signing)
    {
        var key = signing.ExportParameters(includePrivateParameters: false);
        return $$"""{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"{{KeyId}}","n":"{{Base64UrlEncoder.Encode(key.Modulus)}}","e":"{{Base64UrlEncoder.Encode(key.Exponent)}}"}]}""";
    }

    private static string TempPath(string kind) => Path.Combine(Path.GetTempPath(), $"kpigrpc-{kind}-{Guid.NewGuid():N}.json");
}
