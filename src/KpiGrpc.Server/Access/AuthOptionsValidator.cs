using KpiGrpc.Core.Access;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Access;

/// <summary>
/// The safe default, checked at start: without a keys file or JWT the server is open, so it may listen on
/// loopback only, unless told --allow-anonymous. A keys file or JWT settings that cannot be used stop the start.
/// </summary>
public sealed class AuthOptionsValidator(IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var problems = JwtProblems(options.Jwt).ToList();
        if (!string.IsNullOrEmpty(options.KeysFile) && KeysFileProblem(options.KeysFile) is { } problem)
        {
            problems.Add(problem);
        }

        if (options.Jwt.ClockSkew < TimeSpan.Zero || options.Jwt.ClockSkew > TimeSpan.FromHours(1))
        {
            problems.Add($"Kpi:Auth:Jwt:ClockSkew ({options.Jwt.ClockSkew}) must not be negative nor over an hour");
        }

        if (options.ClientCertificateKeys && string.IsNullOrEmpty(options.KeysFile))
        {
            problems.Add("Kpi:Auth:ClientCertificateKeys: a client certificate stands for a key of the keys file, but no keys file is given (--keys-file FILE)");
        }

        if (problems.Count > 0)
        {
            return ValidateOptionsResult.Fail(problems);
        }

        if (options.IsAuthenticated)
        {
            return ValidateOptionsResult.Success;
        }

        var exposed = ListenUrls.Of(configuration).Where(url => !ListenUrls.IsLoopback(url)).ToList();
        if (exposed.Count == 0 || options.AllowAnonymous)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"the server would listen on {string.Join(", ", exposed)} with no authentication: anyone who reaches the port could read and rewrite every campaign. "
            + "Give it a keys file (--keys-file FILE, or Kpi:Auth:KeysFile; create keys with `kpi keys add`) or JWT (Kpi:Auth:Jwt), listen on loopback only (--urls http://127.0.0.1:5051), "
            + "or, to serve anyone who can reach it, start it with --allow-anonymous.");
    }

    private static IEnumerable<string> JwtProblems(JwtAuthOptions jwt)
    {
        if (!jwt.IsConfigured)
        {
            if (!string.IsNullOrEmpty(jwt.Issuer) || !string.IsNullOrEmpty(jwt.Audience))
            {
                yield return "Kpi:Auth:Jwt: set Authority (OIDC discovery) or SigningKeysFile (a JWKS file), or no token can be checked";
            }

            yield break;
        }

        if (string.IsNullOrEmpty(jwt.Issuer))
        {
            yield return "Kpi:Auth:Jwt:Issuer: the issuer (iss) tokens must carry is not set";
        }

        if (string.IsNullOrEmpty(jwt.Audience))
        {
            yield return "Kpi:Auth:Jwt:Audience: the audience (aud) tokens must carry, this server, is not set";
        }

        if (string.IsNullOrEmpty(jwt.RoleClaim) || string.IsNullOrEmpty(jwt.CampaignClaim))
        {
            yield return "Kpi:Auth:Jwt: RoleClaim and CampaignClaim must name claims (defaults: roles, campaigns)";
        }

        if (!string.IsNullOrEmpty(jwt.Authority) && !string.IsNullOrEmpty(jwt.SigningKeysFile))
        {
            yield return "Kpi:Auth:Jwt: set either Authority or SigningKeysFile, not both";
        }
        else if (!string.IsNullOrEmpty(jwt.SigningKeysFile) && SigningKeysProblem(jwt.SigningKeysFile) is { } problem)
        {
            yield return $"Kpi:Auth:Jwt:SigningKeysFile: {problem}";
        }
    }

    private static string? SigningKeysProblem(string path)
    {
        try
        {
            JwtBearerSetup.LoadSigningKeys(path);
            return null;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    private static string? KeysFileProblem(string path)
    {
        if (!File.Exists(path))
        {
            return $"Kpi:Auth:KeysFile: the keys file {Path.GetFullPath(path)} does not exist; create it with `kpi keys add --keys-file {path} --name NAME --roles ROLES`";
        }

        try
        {
            ApiKeyFile.Load(path);
            return null;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return $"Kpi:Auth:KeysFile: {ex.Message}";
        }
    }
}
