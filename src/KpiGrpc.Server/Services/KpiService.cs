using Grpc.Core;
using KpiGrpc.Core.Querying;
using KpiGrpc.Server.Mapping;
using KpiGrpc.Server.Options;
using KpiGrpc.Server.Watching;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Services;

/// <summary>KPI RPCs: one-off queries and live watches over the query engine.</summary>
public sealed class KpiService(
    KpiQueryEngine engine,
    WatchHub hub,
    TimeProvider clock,
    IOptions<WatchOptions> watchOptions,
    ServerDrain drain,
    ILogger<KpiService> logger) : V1.KpiService.KpiServiceBase
{
    public override async Task<V1.QueryKpisResponse> QueryKpis(V1.QueryKpisRequest request, ServerCallContext context)
    {
        var groups = await engine.QueryAsync(QueryMapper.ToCore(request), context.CancellationToken);
        var response = new V1.QueryKpisResponse();
        foreach (var group in groups)
        {
            response.Groups.Add(KpiGroupMapper.ToProto(group));
        }

        return response;
    }

    public override Task WatchKpis(V1.WatchKpisRequest request, IServerStreamWriter<V1.WatchKpisResponse> responseStream, ServerCallContext context)
    {
        var plan = WatchPlan.From(request, watchOptions.Value);
        var session = new WatchSession(plan, engine, hub, clock, logger);
        return drain.RunWatchAsync(session.RunAsync, responseStream, context.CancellationToken);
    }
}
