using System.Text;
using KpiGrpc.Core.Access;

namespace KpiGrpc.Core.Tests.Access;

public sealed class ApiKeyFileTests
{
    private static readonly string Hash = new('a', 64);

    [Theory]
    [InlineData("{}", "it needs a \"keys\" array")]
    [InlineData("not json", "is not a valid keys file")]
    [InlineData("""{"keys":[{"name":"a","roles":["read"],"sha256":"HASH"},{"name":"a","roles":["read"],"sha256":"HASH"}]}""", "two keys are named 'a'")]
    [InlineData("""{"keys":[{"name":"a","roles":["root"],"sha256":"HASH"}]}""", "key 'a' needs roles among ingest, results, read, compute, admin")]
    [InlineData("""{"keys":[{"name":"a","roles":["read"],"sha256":"abc"}]}""", "key 'a' needs sha256")]
    [InlineData("""{"keys":[{"name":"a","roles":["read"],"campaigns":[""],"sha256":"HASH"}]}""", "key 'a' has an empty campaign id")]
    [InlineData("""{"keys":[{"roles":["read"],"sha256":"HASH"}]}""", "key 0 has no name")]
    public void Parse_InvalidFile_ThrowsSayingWhatIsWrong(string json, string problem)
    {
        // Act
        var error = Assert.Throws<InvalidDataException>(() => ApiKeyFile.Parse(Encoding.UTF8.GetBytes(json.Replace("HASH", Hash, StringComparison.Ordinal)), "keys.json"));

        // Assert
        Assert.Contains("keys.json", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void SaveThenLoad_KeyWithScope_SameKey()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"keys-{Guid.NewGuid():N}.json");
        var key = new ApiKeyEntry("crm", ["results", "read"], ["solar"], ApiKeySecret.Hash("secret"), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        try
        {
            // Act
            ApiKeyFile.Empty.With(key).Save(path);
            var loaded = Assert.Single(ApiKeyFile.Load(path).Keys);

            // Assert
            Assert.True(loaded.Grants(key));
            Assert.Equal(key.Created, loaded.Created);
            Assert.Equal([KpiRole.Results, KpiRole.Read], loaded.RoleValues);
            Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $".{Path.GetFileName(path)}.*.tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Grants_SameNameOtherRolesOrScope_False()
    {
        // Arrange
        var key = new ApiKeyEntry("crm", ["read"], ["solar"], Hash, DateTimeOffset.UnixEpoch);

        // Assert
        Assert.True(key.Grants(key with { Roles = ["read"], Campaigns = ["solar"] }));
        Assert.False(key.Grants(key with { Roles = ["read", "ingest"] }));
        Assert.False(key.Grants(key with { Campaigns = null }));
        Assert.False(key.Grants(key with { Sha256 = new string('b', 64) }));
    }

    [Fact]
    public void Matches_SecretAndItsHash_TrueOtherSecretFalse()
    {
        // Arrange
        var secret = ApiKeySecret.Generate();

        // Assert
        Assert.StartsWith(ApiKeySecret.Prefix, secret);
        Assert.True(ApiKeySecret.Matches(secret, ApiKeySecret.Hash(secret)));
        Assert.True(ApiKeySecret.Matches(secret, ApiKeySecret.Hash(secret).ToUpperInvariant()));
        Assert.False(ApiKeySecret.Matches(ApiKeySecret.Generate(), ApiKeySecret.Hash(secret)));
        // SHA-256 of "abc", from FIPS 180-2.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeySecret.Hash("abc"));
    }

    [Fact]
    public async Task Update_ManyWritersAtOnce_NoAddOrRevokeLost()
    {
        // Arrange: 24 writers adding a key each at the same moment, then 12 revoking half of them at once
        var path = Path.Combine(Path.GetTempPath(), $"keys-{Guid.NewGuid():N}.json");
        var names = Enumerable.Range(0, 24).Select(i => $"dialer-{i}").ToList();
        try
        {
            // Act
            await AllAtOnceAsync(names, name => ApiKeyFile.Update(path, file => file.With(
                new ApiKeyEntry(name, ["ingest"], null, ApiKeySecret.Hash(name), DateTimeOffset.UnixEpoch))));
            await AllAtOnceAsync(names.Where((_, i) => i % 2 == 0), name => ApiKeyFile.Update(path, file => file.Without(name)));

            // Assert
            Assert.Equal(names.Where((_, i) => i % 2 == 1).Order(), ApiKeyFile.Load(path).Keys.Select(key => key.Name).Order());
        }
        finally
        {
            File.Delete(path);
            File.Delete(KeysFileLock.PathFor(path));
        }
    }

    private static async Task AllAtOnceAsync(IEnumerable<string> names, Action<string> write)
    {
        var writers = names.ToList();
        using var start = new Barrier(writers.Count);
        await Task.WhenAll(writers.Select(name => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                write(name);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));
    }
}
