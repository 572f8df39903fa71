using Grpc.Core;
using KpiGrpc.Core.Querying;
using KpiGrpc.Server.Access;
using KpiGrpc.Server.Mapping;
using KpiGrpc.Server.Options;
using KpiGrpc.Server.Paging;
using KpiGrpc.Server.Watching;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Services;

/// <summary>KPI RPCs: one-off queries (paged) and live watches over the query engine, cut to the caller's campaign scope.</summary>
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
        var query = QueryMapper.ToCore(request);
        query = query with { Filter = KpiClaims.ScopeOf(context).Restrict(query.Filter) };
        var page = QueryPage.Of(request);
        var groups = await engine.QueryAsync(query, context.CancellationToken);
        return page.Cut(groups);
    }

    public override Task WatchKpis(V1.WatchKpisRequest request, IServerStreamWriter<V1.WatchKpisResponse> responseStream, ServerCallContext context)
    {
        var plan = WatchPlan.From(request, watchOptions.Value);
        plan = plan with { Filter = KpiClaims.ScopeOf(context).Restrict(plan.Filter) };
        // Kestrel's id of the HTTP/2 connection: the per-connection cap counts the watches sharing it.
        var connectionId = context.GetHttpContext().Connection.Id;
        var session = new WatchSession(plan, hub, connectionId, clock, logger);
        return drain.RunWatchAsync(session.RunAsync, responseStream, context.CancellationToken);
    }
}
