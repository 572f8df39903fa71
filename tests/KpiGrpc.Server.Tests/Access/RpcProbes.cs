using Grpc.Core;
using Grpc.Net.Client;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests.Access;

/// <summary>One small valid call of every RPC, for the auth matrix: the status it ended with.</summary>
internal static class RpcProbes
{
    private static readonly DateTimeOffset At = Day.AddHours(10);

    public static readonly IReadOnlyDictionary<string, Func<GrpcChannel, CallOptions, Task>> All = new Dictionary<string, Func<GrpcChannel, CallOptions, Task>>
    {
        ["/kpi.v1.IngestService/RecordCalls"] = (channel, options) =>
            new V1.IngestService.IngestServiceClient(channel).RecordCallsAsync(Calls(ACall()), options).ResponseAsync,
        ["/kpi.v1.IngestService/ImportCalls"] = async (channel, options) =>
        {
            using var call = new V1.IngestService.IngestServiceClient(channel).ImportCalls(options);
            await SendAsync(call.RequestStream, call.ResponseStream, new V1.ImportCallsRequest { BatchId = 1, Calls = { ACall() } });
        },
        ["/kpi.v1.IngestService/RecordSessions"] = (channel, options) =>
            new V1.IngestService.IngestServiceClient(channel).RecordSessionsAsync(new V1.RecordSessionsRequest { Sessions = { ASession() } }, options).ResponseAsync,
        ["/kpi.v1.IngestService/ImportSessions"] = async (channel, options) =>
        {
            using var call = new V1.IngestService.IngestServiceClient(channel).ImportSessions(options);
            await SendAsync(call.RequestStream, call.ResponseStream, new V1.ImportSessionsRequest { BatchId = 1, Sessions = { ASession() } });
        },
        ["/kpi.v1.IngestService/RecordAppointmentResults"] = (channel, options) =>
            new V1.IngestService.IngestServiceClient(channel).RecordAppointmentResultsAsync(new V1.RecordAppointmentResultsRequest { Results = { AResult() } }, options).ResponseAsync,
        ["/kpi.v1.IngestService/ImportAppointmentResults"] = async (channel, options) =>
        {
            using var call = new V1.IngestService.IngestServiceClient(channel).ImportAppointmentResults(options);
            await SendAsync(call.RequestStream, call.ResponseStream, new V1.ImportAppointmentResultsRequest { BatchId = 1, Results = { AResult() } });
        },
        ["/kpi.v1.KpiService/QueryKpis"] = (channel, options) =>
            new V1.KpiService.KpiServiceClient(channel).QueryKpisAsync(new V1.QueryKpisRequest { From = Proto.At(Day), To = Proto.At(Day.AddDays(1)) }, options).ResponseAsync,
        ["/kpi.v1.KpiService/WatchKpis"] = async (channel, options) =>
        {
            using var call = new V1.KpiService.KpiServiceClient(channel).WatchKpis(new V1.WatchKpisRequest { Since = Proto.At(Day) }, options);
            // The snapshot is enough: the watch was allowed.
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        },
        ["/kpi.v1.ComputeService/ComputeKpis"] = async (channel, options) =>
        {
            using var call = new V1.ComputeService.ComputeServiceClient(channel).ComputeKpis(options);
            await SendAsync(
                call.RequestStream,
                call.ResponseStream,
                new V1.ComputeKpisRequest { Query = new V1.ComputeKpisQuery() },
                new V1.ComputeKpisRequest { Batch = new V1.ComputeKpisBatch { BatchId = 1, Calls = { ACall() } } });
        },
    };

    /// <summary>The status the probe ended with: OK, or its error.</summary>
    public static async Task<RpcException?> RunAsync(string method, GrpcChannel channel, CallOptions options)
    {
        try
        {
            await All[method](channel, options);
            return null;
        }
        catch (RpcException error)
        {
            return error;
        }
    }

    private static V1.CallRecord ACall() => Call(Unique("probe"), KeyedKpiServer.ScopedCampaign, "op-probe", V1.CallOutcome.Answered, At);

    private static V1.OperatorSession ASession() => new()
    {
        SessionId = Unique("probe"),
        OperatorId = "op-probe",
        CampaignId = KeyedKpiServer.ScopedCampaign,
        StartedAt = Proto.At(At),
        EndedAt = Proto.At(At.AddHours(1)),
    };

    private static V1.AppointmentResult AResult() => new()
    {
        CallId = Unique("probe"),
        Result = V1.AppointmentResultKind.Sale,
        ReportedAt = Proto.At(At),
    };

    /// <summary>
    /// Sends the messages and reads every response. A refused call may end before the messages are
    /// written (the write then fails with CANCELLED): its status is what the response stream says.
    /// </summary>
    private static async Task SendAsync<TRequest, TResponse>(IClientStreamWriter<TRequest> requests, IAsyncStreamReader<TResponse> responses, params TRequest[] messages)
    {
        try
        {
            foreach (var message in messages)
            {
                await requests.WriteAsync(message);
            }

            await requests.CompleteAsync();
        }
        catch (RpcException)
        {
            // The call is over; its status follows.
        }

        await DrainAsync(responses);
    }

    private static async Task DrainAsync<T>(IAsyncStreamReader<T> responses)
    {
        while (await responses.MoveNext(CancellationToken.None))
        {
        }
    }
}
