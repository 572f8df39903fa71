using System.Text.Json.Serialization;

namespace KpiGrpc.Core.Access;

/// <summary>One key of a keys file: its name, roles, optional campaign scope and the SHA-256 of its secret (never the secret).</summary>
public sealed record ApiKeyEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles,
    [property: JsonPropertyName("campaigns")] IReadOnlyList<string>? Campaigns,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("created")] DateTimeOffset Created)
{
    /// <summary>The roles, parsed (the file is checked on load, so they are known).</summary>
    [JsonIgnore]
    public IReadOnlyList<KpiRole> RoleValues => KpiRoles.ParseList(string.Join(',', Roles));

    [JsonIgnore]
    public CampaignScope Scope => CampaignScope.Of(Campaigns ?? []);

    /// <summary>Whether <paramref name="other"/> is this key with the same secret, roles and scope (its lists compared by content).</summary>
    public bool Grants(ApiKeyEntry other) =>
        Name == other.Name
        && string.Equals(Sha256, other.Sha256, StringComparison.OrdinalIgnoreCase)
        && Roles.SequenceEqual(other.Roles)
        && (Campaigns ?? []).SequenceEqual(other.Campaigns ?? []);
}
