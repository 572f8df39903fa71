using System.IO.Pipelines;
using KpiGrpc.Server.Options;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Transport;

/// <summary>Middleware that hands gRPC a <see cref="GuardedBodyReader"/> in place of each request body.</summary>
public sealed class RequestBodyGuard(RequestDelegate next, RequestBufferBudget budget, IOptions<LimitsOptions> options, ILogger<RequestBodyGuard> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var reader = new GuardedBodyReader(context.Request.BodyReader, budget, options.Value.MessageReceiveTimeout, logger, context.Request.Path);
        context.Features.Set<IRequestBodyPipeFeature>(new RequestBody(reader));
        try
        {
            await next(context);
        }
        finally
        {
            reader.Release();
        }
    }

    private sealed record RequestBody(PipeReader Reader) : IRequestBodyPipeFeature;
}
