using KpiGrpc.Core.Querying;
using KpiGrpc.Server.Errors;
using KpiGrpc.Server.Mapping;

namespace KpiGrpc.Server.Paging;

/// <summary>
/// One page of a QueryKpis answer, as Google's AIP-158 describes: at most page_size groups (and
/// at most <see cref="ResponseSize.MaxBytes"/>), resuming after the token's key. page_size 0 asks
/// for everything at once, which is refused rather than cut when it does not fit, so that a
/// client unaware of paging never loses groups without knowing.
/// </summary>
public sealed class QueryPage
{
    /// <summary>Largest page_size honoured; larger values count as this (AIP-158 coerces them).</summary>
    public const int MaxPageSize = 10_000;

    /// <summary>Room kept for next_page_token: a key of three 200-character ids, base64 of UTF-8.</summary>
    private const int TokenBytes = 4096;

    private readonly byte[] _queryHash;
    private readonly int _pageSize;
    private readonly GroupKey? _after;

    private QueryPage(byte[] queryHash, int pageSize, GroupKey? after)
    {
        _queryHash = queryHash;
        _pageSize = pageSize;
        _after = after;
    }

    private bool Unpaged => _pageSize == 0;

    /// <summary>Checks page_size and page_token before anything is computed.</summary>
    public static QueryPage Of(V1.QueryKpisRequest request)
    {
        if (request.PageSize < 0)
        {
            throw new KpiRequestException("page_size", $"page_size ({request.PageSize}) must not be negative: 0 for every group, or up to {MaxPageSize:N0}");
        }

        var queryHash = PageToken.HashOf(request);
        GroupKey? after = null;
        if (request.PageToken.Length > 0)
        {
            var token = PageToken.Decode(request.PageToken);
            if (!token.BelongsTo(queryHash))
            {
                throw new KpiRequestException("page_token",
                    "page_token belongs to another query: send the fields of the first page's request again (only page_size may change), or start over without page_token");
            }

            after = token.After;
        }

        return new QueryPage(queryHash, Math.Min(request.PageSize, MaxPageSize), after);
    }

    /// <summary>The page's groups out of the whole ordered result, and the token of the next page when more remain.</summary>
    public V1.QueryKpisResponse Cut(IReadOnlyList<KpiGroupResult> groups)
    {
        var response = new V1.QueryKpisResponse();
        var limit = Unpaged ? int.MaxValue : _pageSize;
        var budget = Unpaged ? ResponseSize.MaxBytes : ResponseSize.MaxBytes - TokenBytes;
        var bytes = 0;
        var next = _after is { } after ? FirstAfter(groups, after) : 0;
        for (; next < groups.Count && response.Groups.Count < limit; next++)
        {
            var group = KpiGroupMapper.ToProto(groups[next]);
            var size = ResponseSize.OfGroup(group);
            if (bytes + size > budget && response.Groups.Count > 0)
            {
                break;
            }

            bytes += size;
            response.Groups.Add(group);
        }

        if (next < groups.Count)
        {
            if (Unpaged)
            {
                throw LimitErrors.ResponseTooLarge(groups.Count, MaxPageSize);
            }

            response.NextPageToken = new PageToken(_queryHash, GroupKey.Of(groups[next - 1])).Encode();
        }

        return response;
    }

    /// <summary>The index of the first group whose key comes after <paramref name="after"/> (groups are in key order).</summary>
    private static int FirstAfter(IReadOnlyList<KpiGroupResult> groups, GroupKey after)
    {
        int low = 0, high = groups.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (GroupKey.Of(groups[middle]).CompareTo(after) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
