using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

/// <summary>
/// Random bytes and truncated requests sent on the wire to every RPC, over a real HTTP/2 socket: each call
/// ends with a clear status, the server keeps serving, and what it acknowledged before is intact.
/// </summary>
public sealed class BadWireInputTests : IAsyncLifetime
{
    /// <summary>Fixed, so that a failure is reproducible: the seed is in the failing message too.</summary>
    private const int Seed = 15;
    private static readonly DateTimeOffset NineAm = Day.AddHours(9);

    private readonly SocketServer _server = new();

    public static TheoryData<string> Rpcs() => [.. AllRpcs().Select(rpc => rpc.FullName)];

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task AnyRpc_RandomAndTruncatedBytes_ClearStatusAndAckedDataIntact(string rpcName)
    {
        // Arrange: 25 calls acknowledged before any bad input
        var rpc = AllRpcs().Single(rpc => rpc.FullName == rpcName);
        using var channel = _server.NewChannel();
        var ingest = new V1.IngestService.IngestServiceClient(channel);
        var campaign = Unique("intact");
        var acked = await ingest.RecordCallsAsync(Calls(CallsOf(campaign, 25)));
        Assert.Equal(25, acked.Ack.Accepted);
        var payloads = RandomPayloads(new Random(Seed), 40).Concat(Truncations(ValidRequest(rpc))).ToList();

        // Act
        var outcomes = new List<(byte[] Payload, bool Parses, Status Status)>();
        foreach (var payload in payloads)
        {
            outcomes.Add((payload, RawGrpcCalls.Parses(rpc, payload), await RawGrpcCalls.SendAsync(channel, rpc, payload)));
        }

        var after = await ingest.RecordCallsAsync(Calls(CallsOf(Unique("after"), 3)));
        var group = Assert.Single((await new V1.KpiService.KpiServiceClient(channel).QueryKpisAsync(DayOf(campaign))).Groups);

        // Assert
        Assert.Contains(outcomes, outcome => !outcome.Parses);
        Assert.All(outcomes, outcome => Assert.True(
            IsClear(rpc, outcome.Parses, outcome.Status),
            $"seed {Seed}, {rpc.Name}, payload {Convert.ToHexString(outcome.Payload)} (parses: {outcome.Parses}): {outcome.Status}"));
        Assert.Equal(3, after.Ack.Accepted);
        Assert.Equal(25, group.Counts.Dialed);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>
    /// A request that parses gets the RPC's own answer (OK, INVALID_ARGUMENT...), never an unexplained failure.
    /// One that does not gets INTERNAL (gRPC's code for a request that cannot be parsed) with reason
    /// MALFORMED_REQUEST, in every RPC: grpc-dotnet alone answered a unary or server-streaming one with a bare
    /// UNKNOWN "Exception was thrown by handler.", as it parses those before any of the server's code runs.
    /// </summary>
    private static bool IsClear(MethodDescriptor rpc, bool parses, Status status) => parses
        ? status.StatusCode is not (StatusCode.Unknown or StatusCode.Internal or StatusCode.DeadlineExceeded or StatusCode.Unavailable)
        : status.StatusCode == StatusCode.Internal && status.Detail.Contains("is not a valid protobuf message", StringComparison.Ordinal);

    private static IEnumerable<MethodDescriptor> AllRpcs() =>
        new[] { V1.IngestService.Descriptor, V1.KpiService.Descriptor, V1.ComputeService.Descriptor }.SelectMany(service => service.Methods);

    private static IEnumerable<byte[]> RandomPayloads(Random random, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var payload = new byte[random.Next(1, 300)];
            random.NextBytes(payload);
            yield return payload;
        }
    }

    /// <summary>Every proper prefix of a valid request: most cut a field in two.</summary>
    private static IEnumerable<byte[]> Truncations(IMessage valid)
    {
        var bytes = valid.ToByteArray();
        return Enumerable.Range(1, bytes.Length - 1).Select(length => bytes[..length]);
    }

    private static IMessage ValidRequest(MethodDescriptor rpc)
    {
        var calls = CallsOf(Unique("valid"), 2);
        var session = new V1.OperatorSession { SessionId = Unique("session"), OperatorId = "op-1", CampaignId = "valid", StartedAt = At(NineAm), EndedAt = At(NineAm.AddHours(1)) };
        var result = new V1.AppointmentResult { CallId = calls[0].CallId, Result = V1.AppointmentResultKind.Sale, ReportedAt = At(NineAm.AddHours(2)) };
        return rpc.Name switch
        {
            "RecordCalls" => Calls(calls),
            "ImportCalls" => new V1.ImportCallsRequest { BatchId = 1, Calls = { calls } },
            "RecordSessions" => new V1.RecordSessionsRequest { Sessions = { session } },
            "ImportSessions" => new V1.ImportSessionsRequest { BatchId = 1, Sessions = { session } },
            "RecordAppointmentResults" => new V1.RecordAppointmentResultsRequest { Results = { result } },
            "ImportAppointmentResults" => new V1.ImportAppointmentResultsRequest { BatchId = 1, Results = { result } },
            "QueryKpis" => DayOf("valid", V1.GroupDimension.Operator),
            "WatchKpis" => new V1.WatchKpisRequest { Since = At(Day), Filter = new V1.KpiFilter { CampaignIds = { "valid" } } },
            "ComputeKpis" => new V1.ComputeKpisRequest { Query = new V1.ComputeKpisQuery { Filter = new V1.KpiFilter { CampaignIds = { "valid" } } } },
            _ => throw new InvalidOperationException($"No valid request for {rpc.FullName}: add one."),
        };
    }

    private static V1.CallRecord[] CallsOf(string campaign, int count) =>
        Enumerable.Range(0, count).Select(i => Call($"{campaign}-{i}", campaign, "op-1", V1.CallOutcome.Answered, NineAm.AddMinutes(i), talkSeconds: 30)).ToArray();

    /// <summary>The real host on a Kestrel socket (127.0.0.1, a free port), with the default limits.</summary>
    private sealed class SocketServer : KpiServerFactory
    {
        public SocketServer()
        {
            UseKestrel(0);
            StartServer();
        }

        public GrpcChannel NewChannel() =>
            GrpcChannel.ForAddress(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }
}
