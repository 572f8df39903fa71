using Grpc.Core;
using Grpc.Net.Client;
using KpiGrpc.Core.Access;

namespace KpiGrpc.Server.Tests.Access;

/// <summary>
/// The real host, in memory, with a keys file: an unscoped key per role (named as the role), a key
/// per role scoped to campaign A ("ingest-a", ...), and "gone", revoked once the server runs.
/// </summary>
public sealed class KeyedKpiServer : KpiServerFactory
{
    public const string ScopedCampaign = "A";

    private readonly Dictionary<string, string> _secrets;

    public KeyedKpiServer()
        : this(new Dictionary<string, string?>())
    {
    }

    private KeyedKpiServer(IReadOnlyDictionary<string, string?> settings)
        : this(TestKeysFile.Create(), settings)
    {
    }

    private KeyedKpiServer((string Path, Dictionary<string, string> Secrets) keys, IReadOnlyDictionary<string, string?> settings)
        : base(new Dictionary<string, string?>(settings) { ["Kpi:Auth:KeysFile"] = keys.Path })
    {
        KeysFile = keys.Path;
        _secrets = keys.Secrets;
    }

    public string KeysFile { get; }

    /// <summary>A keyed host with extra configuration (limits, say); one public constructor keeps it a class fixture.</summary>
    public static KeyedKpiServer With(IReadOnlyDictionary<string, string?> settings) => new(settings);

    public string Secret(string keyName) => _secrets[keyName];

    /// <summary>Call options carrying the named key, or <paramref name="rawKey"/> as given.</summary>
    public CallOptions As(string? keyName, string? rawKey = null, CancellationToken cancellationToken = default)
    {
        var key = rawKey ?? (keyName is null ? null : _secrets[keyName]);
        var headers = key is null ? new Metadata() : new Metadata { { "authorization", $"Bearer {key}" } };
        return new CallOptions(headers, cancellationToken: cancellationToken);
    }

    public GrpcChannel Open() => Channel;

    /// <summary>Removes the key from the file, as `kpi keys revoke` does.</summary>
    public void Revoke(string keyName) => ApiKeyFile.Load(KeysFile).Without(keyName).Save(KeysFile);

    /// <summary>Adds a key to the running server's file; its secret.</summary>
    public string Add(string keyName, KpiRole role, params string[] campaigns)
    {
        var secret = ApiKeySecret.Generate();
        ApiKeyFile.Load(KeysFile).With(new ApiKeyEntry(keyName, [role.Name()], campaigns.Length > 0 ? campaigns : null, ApiKeySecret.Hash(secret), DateTimeOffset.UtcNow)).Save(KeysFile);
        _secrets[keyName] = secret;
        return secret;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(KeysFile);
    }

    private static class TestKeysFile
    {
        public static (string Path, Dictionary<string, string> Secrets) Create()
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kpigrpc-keys-{Guid.NewGuid():N}.json");
            var secrets = new Dictionary<string, string>();
            var entries = new List<ApiKeyEntry>();
            foreach (var role in KpiRoles.All)
            {
                entries.Add(Entry(role.Name(), role, null, secrets));
                entries.Add(Entry($"{role.Name()}-a", role, [ScopedCampaign], secrets));
            }

            entries.Add(Entry("gone", KpiRole.Admin, null, secrets));
            new ApiKeyFile(entries).Save(path);
            return (path, secrets);
        }

        private static ApiKeyEntry Entry(string name, KpiRole role, string[]? campaigns, Dictionary<string, string> secrets)
        {
            var secret = ApiKeySecret.Generate();
            secrets[name] = secret;
            return new ApiKeyEntry(name, [role.Name()], campaigns, ApiKeySecret.Hash(secret), DateTimeOffset.UtcNow);
        }
    }
}
