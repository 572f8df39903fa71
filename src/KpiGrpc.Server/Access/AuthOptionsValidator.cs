using KpiGrpc.Core.Access;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Access;

/// <summary>
/// The safe default, checked at start: without a keys file the server is open, so it may listen on
/// loopback only, unless told --allow-anonymous. A keys file that cannot be read stops the start.
/// </summary>
public sealed class AuthOptionsValidator(IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (!string.IsNullOrEmpty(options.KeysFile))
        {
            return KeysFileProblem(options.KeysFile) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
        }

        var exposed = ListenUrls.Of(configuration).Where(url => !ListenUrls.IsLoopback(url)).ToList();
        if (exposed.Count == 0 || options.AllowAnonymous)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"the server would listen on {string.Join(", ", exposed)} with no authentication: anyone who reaches the port could read and rewrite every campaign. "
            + "Give it a keys file (--keys-file FILE, or Kpi:Auth:KeysFile; create keys with `kpi keys add`), listen on loopback only (--urls http://127.0.0.1:5051), "
            + "or, to serve anyone who can reach it, start it with --allow-anonymous.");
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
