namespace KpiGrpc.Core.Access;

/// <summary>What a caller may do; a key holds one or more.</summary>
public enum KpiRole
{
    /// <summary>Record and import calls and operator sessions.</summary>
    Ingest = 1,

    /// <summary>Record and import appointment results.</summary>
    Results = 2,

    /// <summary>Query and watch KPIs.</summary>
    Read = 3,

    /// <summary>Run a stateless computation (stores nothing, costs CPU and memory).</summary>
    Compute = 4,

    /// <summary>Everything, and key management.</summary>
    Admin = 5,
}

/// <summary>The roles' names as keys files, claims and the kpi tool spell them (lower case).</summary>
public static class KpiRoles
{
    public static readonly IReadOnlyList<KpiRole> All = Enum.GetValues<KpiRole>();

    public static string Name(this KpiRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string name, out KpiRole role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    /// <summary>"ingest,read" as roles; throws naming the unknown role and the known ones.</summary>
    public static IReadOnlyList<KpiRole> ParseList(string names)
    {
        var roles = new List<KpiRole>();
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(name, out var role))
            {
                throw new FormatException($"unknown role '{name}'; the roles are {string.Join(", ", All.Select(Name))}");
            }

            if (!roles.Contains(role))
            {
                roles.Add(role);
            }
        }

        return roles.Count > 0 ? roles : throw new FormatException($"give at least one role: {string.Join(", ", All.Select(Name))}");
    }
}
