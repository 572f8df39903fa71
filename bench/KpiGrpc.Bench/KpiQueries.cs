using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using KpiGrpc.V1;

namespace KpiGrpc.Bench;

/// <summary>The QueryKpis requests the benchmarks send.</summary>
public static class KpiQueries
{
    public static QueryKpisRequest ByOperator(DateTimeOffset from, DateTimeOffset to) => new()
    {
        From = Timestamp.FromDateTimeOffset(from),
        To = Timestamp.FromDateTimeOffset(to),
        GroupBy = { GroupDimension.Operator },
    };

    /// <summary>Dial attempts the server counts in the range: every stored call in it.</summary>
    public static async Task<long> TotalDialedAsync(GrpcChannel channel, (DateTimeOffset From, DateTimeOffset To) range)
    {
        var response = await new KpiService.KpiServiceClient(channel).QueryKpisAsync(new QueryKpisRequest
        {
            From = Timestamp.FromDateTimeOffset(range.From),
            To = Timestamp.FromDateTimeOffset(range.To),
        });
        return response.Groups.Sum(g => g.Counts.Dialed);
    }
}
