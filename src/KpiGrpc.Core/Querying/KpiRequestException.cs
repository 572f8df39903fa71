namespace KpiGrpc.Core.Querying;

/// <summary>A request that cannot be answered as asked; <see cref="Field"/> names the culprit.</summary>
public sealed class KpiRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
