using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace KpiGrpc.Server.Access;

/// <summary>
/// The signing keys of <c>Kpi:Auth:Jwt:SigningKeysFile</c>, read at start and re-read when the file's content
/// changes (checked every half second, like the keys file): a key added by the identity provider's rotation
/// is trusted, a key removed is not, without a restart. A new file that is not a usable JWKS (half written,
/// say) is logged and the keys read before stay until it is whole.
/// </summary>
public sealed class JwksFileWatcher(IOptions<AuthOptions> options, ILogger<JwksFileWatcher> logger) : BackgroundService
{
    private readonly string? _path = string.IsNullOrEmpty(options.Value.Jwt.SigningKeysFile) ? null : options.Value.Jwt.SigningKeysFile;
    private IList<SecurityKey>? _keys;

    /// <summary>The keys tokens may be signed with now; none without a JWKS file (then OIDC discovery gives them).</summary>
    public IList<SecurityKey> Keys => Volatile.Read(ref _keys) ?? LoadFirst();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_path is null)
        {
            return;
        }

        _ = Keys;
        var lastContent = KeysFileWatcher.Fingerprint(_path);
        using var timer = new PeriodicTimer(KeysFileWatcher.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var content = KeysFileWatcher.Fingerprint(_path);
            if (content == lastContent)
            {
                continue;
            }

            lastContent = content;
            try
            {
                var keys = JwtBearerSetup.LoadSigningKeys(_path);
                Volatile.Write(ref _keys, keys);
                AccessLog.JwksFileReloaded(logger, _path, keys.Count);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                AccessLog.JwksFileInvalid(logger, _path, ex.Message);
            }
        }
    }

    /// <summary>The file as it is at the first token (validated at start, so readable then).</summary>
    private IList<SecurityKey> LoadFirst()
    {
        if (_path is null)
        {
            return [];
        }

        var keys = JwtBearerSetup.LoadSigningKeys(_path);
        Interlocked.CompareExchange(ref _keys, keys, null);
        return Volatile.Read(ref _keys)!;
    }
}
