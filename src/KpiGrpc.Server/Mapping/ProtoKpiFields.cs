using System.Reflection;
using KpiGrpc.Core.Kpis;

namespace KpiGrpc.Server.Mapping;

/// <summary>
/// The kpi.v1.Kpis field of each catalogue KPI, by its generated C# property, whose name is the
/// KpiName (list_validity_rate -> ListValidityRate; tests hold the catalogue to the proto's field
/// names). Found by plain reflection: building the proto descriptor instead cost a server's first
/// query about 150 ms. A KPI missing on either side throws when this class is first used, which
/// StoreStartup makes the server's start.
/// </summary>
public static class ProtoKpiFields
{
    private static readonly Action<V1.Kpis, V1.KpiValue>[] Setters = Resolve();

    public static void Set(V1.Kpis message, KpiName name, V1.KpiValue value) => Setters[(int)name](message, value);

    private static Action<V1.Kpis, V1.KpiValue>[] Resolve()
    {
        foreach (var property in typeof(V1.Kpis).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType == typeof(V1.KpiValue) && !Enum.IsDefined(typeof(KpiName), property.Name))
            {
                throw new InvalidOperationException($"kpi.v1.Kpis has a KPI the KpiCatalogue does not define: {property.Name}.");
            }
        }

        var setters = new Action<V1.Kpis, V1.KpiValue>[KpiCatalogue.All.Count];
        foreach (var kpi in KpiCatalogue.All)
        {
            var property = typeof(V1.Kpis).GetProperty(kpi.Name.ToString());
            setters[(int)kpi.Name] = property?.PropertyType == typeof(V1.KpiValue)
                ? property.SetMethod!.CreateDelegate<Action<V1.Kpis, V1.KpiValue>>()
                : throw new InvalidOperationException($"kpi.v1.Kpis has no field {kpi.Field} for KPI {kpi.Name}.");
        }

        return setters;
    }
}
