using KpiGrpc.V1;

namespace KpiGrpc.Cli.Commands;

/// <summary>Every group of a query, page by page (AIP-158): a report of any size, never cut.</summary>
internal static class QueryPages
{
    /// <summary>Groups per page: the most the server gives in one response.</summary>
    public const int PageSize = 10_000;

    public static async Task<IReadOnlyList<KpiGroup>> AllGroupsAsync(KpiService.KpiServiceClient client, QueryKpisRequest request, CancellationToken cancellationToken)
    {
        var groups = new List<KpiGroup>();
        var page = request.Clone();
        page.PageSize = PageSize;
        do
        {
            var response = await client.QueryKpisAsync(page, cancellationToken: cancellationToken);
            groups.AddRange(response.Groups);
            page.PageToken = response.NextPageToken;
        }
        while (page.PageToken.Length > 0);

        return groups;
    }
}
