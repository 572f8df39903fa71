using KpiGrpc.Core.Access;

namespace KpiGrpc.Server.Access;

/// <summary>
/// The one table of which role each RPC needs (admin may call every one). Every method of the
/// services the server maps must be in it: a method left out stops the start
/// (<see cref="CheckCovers"/>), it is never open by accident.
/// Health and reflection are not KPI services and stay anonymous.
/// </summary>
public static class RpcRoles
{
    private static readonly Dictionary<string, KpiRole> Roles = new()
    {
        ["/kpi.v1.IngestService/RecordCalls"] = KpiRole.Ingest,
        ["/kpi.v1.IngestService/ImportCalls"] = KpiRole.Ingest,
        ["/kpi.v1.IngestService/RecordSessions"] = KpiRole.Ingest,
        ["/kpi.v1.IngestService/ImportSessions"] = KpiRole.Ingest,
        ["/kpi.v1.IngestService/RecordAppointmentResults"] = KpiRole.Results,
        ["/kpi.v1.IngestService/ImportAppointmentResults"] = KpiRole.Results,
        ["/kpi.v1.KpiService/QueryKpis"] = KpiRole.Read,
        ["/kpi.v1.KpiService/WatchKpis"] = KpiRole.Read,
        ["/kpi.v1.ComputeService/ComputeKpis"] = KpiRole.Compute,
    };

    /// <summary>Every RPC and its role, for tests and documentation.</summary>
    public static IReadOnlyDictionary<string, KpiRole> All => Roles;

    /// <summary>The authorization policy of a role: that role or admin.</summary>
    public static string PolicyName(KpiRole role) => $"kpi:{role.Name()}";

    /// <summary>Throws unless every method of <paramref name="services"/> has its role here.</summary>
    public static void CheckCovers(params Google.Protobuf.Reflection.ServiceDescriptor[] services)
    {
        foreach (var method in services.SelectMany(service => service.Methods))
        {
            RoleOf($"/{method.Service.FullName}/{method.Name}");
        }
    }

    public static KpiRole RoleOf(string fullMethodName) => Roles.TryGetValue(fullMethodName, out var role)
        ? role
        : throw new InvalidOperationException($"{fullMethodName} has no role in {nameof(RpcRoles)}: say which role may call it");
}
