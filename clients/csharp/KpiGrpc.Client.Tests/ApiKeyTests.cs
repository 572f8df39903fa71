using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using KpiGrpc.V1;
using static KpiGrpc.Client.Tests.Infrastructure.TestData;

namespace KpiGrpc.Client.Tests;

/// <summary><see cref="KpiClientOptions.ApiKey"/> against a real server that has a keys file: a dialer's key writes, a wallboard's reads.</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("kpi-csharp-keys-").FullName;
    private readonly string _dialerKey = NewSecret();
    private readonly string _wallboardKey = NewSecret();
    private KpiServerProcess? _server;

    [Fact]
    public async Task RecordAndQuery_KeysWithTheirRoles_Succeed()
    {
        // Arrange
        using var dialer = Client(_dialerKey);
        using var wallboard = Client(_wallboardKey);

        // Act
        var ack = await dialer.RecordCallsAsync([Call("key-1", "keyed", "op-a", CallOutcome.Answered, 30)]);
        var groups = await wallboard.QueryKpisAsync(QueryOf(Day, "keyed"));

        // Assert
        Assert.Equal(1, ack.Accepted);
        Assert.Equal(1, Assert.Single(groups).Counts.Dialed);
    }

    [Fact]
    public async Task Query_NoKey_Unauthenticated()
    {
        // Arrange
        using var anonymous = Client(apiKey: null);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => anonymous.QueryKpisAsync(QueryOf(Day)));

        // Assert
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Query_IngestOnlyKey_PermissionDenied()
    {
        // Arrange
        using var dialer = Client(_dialerKey);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => dialer.QueryKpisAsync(QueryOf(Day)));

        // Assert
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public void Constructor_KeyWithANewline_ThrowsNamingApiKey()
    {
        // Arrange
        var options = FastOptions(new Uri("http://127.0.0.1:5051"));
        options.ApiKey = _dialerKey + "\n";

        // Act
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new KpiClient(options));

        // Assert
        Assert.Contains("ApiKey", error.Message);
    }

    public async Task InitializeAsync()
    {
        // The keys file as `kpi keys add` writes it: names, roles and the SHA-256 of each secret.
        var keysFile = Path.Combine(_data, "keys.json");
        await File.WriteAllTextAsync(keysFile, JsonSerializer.Serialize(new
        {
            keys = new[] { Entry("dialer", "ingest", _dialerKey), Entry("wallboard", "read", _wallboardKey) },
        }));
        _server = await KpiServerProcess.StartAsync(Path.Combine(_data, "store"), settings: ["--keys-file", keysFile]);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    private KpiClient Client(string? apiKey)
    {
        var options = FastOptions(_server!.Address);
        options.ApiKey = apiKey;
        options.MaxRetryAttempts = 0;
        return new KpiClient(options);
    }

    private static object Entry(string name, string role, string secret) => new
    {
        name,
        roles = new[] { role },
        campaigns = (string[]?)null,
        sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))),
        created = DateTimeOffset.UtcNow,
    };

    private static string NewSecret() => "kpi_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
