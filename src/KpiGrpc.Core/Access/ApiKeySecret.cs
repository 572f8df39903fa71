using System.Security.Cryptography;
using System.Text;

namespace KpiGrpc.Core.Access;

/// <summary>
/// API key secrets: 256 random bits, kept only as their SHA-256 (a high-entropy secret needs no
/// slow hash: nobody can guess 2^256 candidates), compared in constant time.
/// </summary>
public static class ApiKeySecret
{
    /// <summary>What every secret starts with, so a leaked one is easy to recognise and search for.</summary>
    public const string Prefix = "kpi_";

    /// <summary>A new secret: <see cref="Prefix"/> and 32 random bytes in base64url.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The SHA-256 of the secret's UTF-8 bytes, in lower-case hex: what a keys file keeps.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether <paramref name="secret"/> hashes to <paramref name="hash"/>, in time that does not depend on where they differ.</summary>
    public static bool Matches(string secret, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(hash.ToLowerInvariant()));
}
