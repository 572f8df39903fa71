using System.Text.Json;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>
/// The safe default (no keys: loopback only, or --allow-anonymous), `kpi keys`, and the client
/// commands' --api-key / KPI_API_KEY against a real server process with a keys file.
/// </summary>
public sealed class AccessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kpi-access-").FullName;

    private string KeysFile => Path.Combine(_directory, "keys.json");

    [Fact]
    public async Task Start_AllInterfacesWithoutKeys_ExitsWithOneNamingAllowAnonymous()
    {
        // Act
        var (exitCode, output) = await KpiServerProcess.RunUntilExitAsync(Path.Combine(_directory, "data"), ["--urls", "http://0.0.0.0:0"]);

        // Assert
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains("--allow-anonymous", output);
        Assert.Contains("http://0.0.0.0:0", output);
    }

    [Fact]
    public async Task Start_AllInterfacesWithAllowAnonymous_ServesWithoutKey()
    {
        // Arrange
        var port = KpiServerProcess.FreeLoopbackPort();

        // Act
        await using var server = await KpiServerProcess.StartAsync(Path.Combine(_directory, "data"), port, ["--allow-anonymous", "--urls", $"http://0.0.0.0:{port}"]);
        var report = await KpiCli.RunAsync("report", "--server", server.Address.ToString(), "--from", "2025-03-03", "--to", "2025-03-04");

        // Assert
        Assert.True(report.ExitCode == 0, report.ToString());
    }

    [Fact]
    public async Task Start_KeysFileMissing_ExitsWithOneNamingIt()
    {
        // Act
        var (exitCode, output) = await KpiServerProcess.RunUntilExitAsync(Path.Combine(_directory, "data"), ["--keys-file", KeysFile]);

        // Assert
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains(KeysFile, output);
        Assert.Contains("kpi keys add", output);
    }

    [Fact]
    public async Task KeysAdd_NewFile_PrintsOnlyTheSecretAndWritesAnOwnerOnlyFileWithItsHash()
    {
        // Act
        var add = await Keys("add", "--name", "crm-acme", "--roles", "results,read", "--campaigns", "acme-solar,acme-gas");

        // Assert
        Assert.True(add.ExitCode == 0, add.ToString());
        var secret = add.Stdout.Trim();
        Assert.Matches("^kpi_[A-Za-z0-9_-]{43}$", secret);
        var file = await File.ReadAllTextAsync(KeysFile);
        Assert.DoesNotContain(secret, file);
        Assert.DoesNotContain(secret, add.Stderr);
        var key = JsonDocument.Parse(file).RootElement.GetProperty("keys")[0];
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))), key.GetProperty("sha256").GetString());
        Assert.Equal(["acme-solar", "acme-gas"], key.GetProperty("campaigns").EnumerateArray().Select(c => c.GetString()));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeysFile));
        }
    }

    [Fact]
    public async Task KeysListAndRevoke_TwoKeys_ListShowsNoHashAndRevokeRemovesOne()
    {
        // Arrange
        await Keys("add", "--name", "dialer-1", "--roles", "ingest");
        await Keys("add", "--name", "wallboard", "--roles", "read", "--campaigns", "solar");

        // Act
        var revoke = await Keys("revoke", "dialer-1");
        var list = await Keys("list");

        // Assert
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        var line = Assert.Single(list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("wallboard\troles=read\tcampaigns=solar\tcreated=", line);
        Assert.DoesNotContain("sha256", list.Stdout);
    }

    [Theory]
    [InlineData("add --name twice --roles read", "exists already")]
    [InlineData("add --name bad --roles read,superuser", "unknown role 'superuser'")]
    [InlineData("revoke nobody", "no key is named 'nobody'")]
    public async Task Keys_BadRequest_ExitsTwoSayingWhy(string command, string message)
    {
        // Arrange
        await Keys("add", "--name", "twice", "--roles", "read");

        // Act
        var result = await Keys(command.Split(' '));

        // Assert
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Stderr);
    }

    [Fact]
    public async Task ClientCommands_ServerWithKeys_KeyFromOptionOrEnvironmentAndStatusNamesOtherwise()
    {
        // Arrange: a server on every interface, with a read key and an ingest key.
        var read = (await Keys("add", "--name", "wallboard", "--roles", "read")).Stdout.Trim();
        var ingest = (await Keys("add", "--name", "dialer", "--roles", "ingest")).Stdout.Trim();
        var port = KpiServerProcess.FreeLoopbackPort();
        await using var server = await KpiServerProcess.StartAsync(Path.Combine(_directory, "data"), port, ["--keys-file", KeysFile, "--urls", $"http://0.0.0.0:{port}"]);
        string[] report = ["report", "--server", server.Address.ToString(), "--from", "2026-03-28", "--to", "2026-03-30", "--format", "csv", "--group-by", "campaign"];
        string[] import = ["import", "--server", server.Address.ToString(), "--calls", Path.Combine(RepoPaths.Samples, "calls.csv"), "--checkpoint", Path.Combine(_directory, "checkpoint")];

        // Act
        var noKey = await KpiCli.RunAsync(report);
        var wrongRole = await KpiCli.RunAsync([.. import, "--api-key", read]);
        var imported = await KpiCli.RunAsync(new Dictionary<string, string> { ["KPI_API_KEY"] = ingest }, import);
        var reported = await KpiCli.RunAsync([.. report, "--api-key", read]);

        // Assert
        Assert.True(noKey.ExitCode == 4, noKey.ToString());
        Assert.Contains("UNAUTHENTICATED: ", noKey.Stderr);
        Assert.True(wrongRole.ExitCode == 4, wrongRole.ToString());
        Assert.Contains("PERMISSION_DENIED: /kpi.v1.IngestService/ImportCalls needs the ingest or admin role", wrongRole.Stderr);
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.True(reported.ExitCode == 0, reported.ToString());
        Assert.Contains("camp-solar", reported.Stdout);
        Assert.DoesNotContain(read, server.Output);
        Assert.DoesNotContain(ingest, server.Output);
        Assert.Contains("refused (UNAUTHENTICATED, MISSING_CREDENTIAL)", server.Output);
        Assert.Contains("key wallboard lacks the ingest or admin role", server.Output);
    }

    [Fact]
    public async Task Import_KeyPastItsRecordsASecond_KpiImportWaitsTheRetryDelayAndStoresEveryCall()
    {
        // Arrange: 40 records a second per key; 97 calls in batches of 20
        var ingest = (await Keys("add", "--name", "dialer", "--roles", "ingest")).Stdout.Trim();
        await using var server = await KpiServerProcess.StartAsync(
            Path.Combine(_directory, "data"), settings: ["--keys-file", KeysFile, "--Kpi:Limits:PerKey:RecordsPerSecond", "40"]);

        // Act
        var import = await KpiCli.RunAsync(
            "import", "--server", server.Address.ToString(), "--api-key", ingest, "--batch-size", "20", "--retry-delay", "0.1",
            "--calls", Path.Combine(RepoPaths.Samples, "calls.csv"), "--checkpoint", Path.Combine(_directory, "checkpoint"));

        // Assert: refused batches were sent again after the server's delay, none lost or counted twice
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("calls.csv: accepted 96, duplicates 0, replaced 1, stale 0, rejected 0", import.Stdout);
        Assert.Contains("Key 'dialer' sent more than 40 records in a second", import.Stderr);
    }

    private Task<CliResult> Keys(params string[] args) => KpiCli.RunAsync(["keys", .. args, "--keys-file", KeysFile]);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
