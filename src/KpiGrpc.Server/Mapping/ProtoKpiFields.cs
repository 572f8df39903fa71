using Google.Protobuf.Reflection;
using KpiGrpc.Core.Kpis;

namespace KpiGrpc.Server.Mapping;

/// <summary>
/// The kpi.v1.Kpis field of each catalogue KPI, found by name in the proto descriptor. A KPI
/// missing on either side stops the mapping at its first use rather than leaving a field unset.
/// </summary>
public static class ProtoKpiFields
{
    private static readonly IFieldAccessor[] Accessors = Resolve();

    public static IFieldAccessor Of(KpiName name) => Accessors[(int)name];

    private static IFieldAccessor[] Resolve()
    {
        var fields = V1.Kpis.Descriptor.Fields.InDeclarationOrder();
        var unknown = fields.Select(field => field.Name).Except(KpiCatalogue.All.Select(kpi => kpi.Field)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"kpi.v1.Kpis has fields the KpiCatalogue does not define: {string.Join(", ", unknown)}.");
        }

        return
        [
            .. KpiCatalogue.All.Select(kpi =>
                (V1.Kpis.Descriptor.FindFieldByName(kpi.Field)
                    ?? throw new InvalidOperationException($"kpi.v1.Kpis has no field {kpi.Field} for KPI {kpi.Name}.")).Accessor),
        ];
    }
}
