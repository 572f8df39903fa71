using KpiGrpc.V1;

namespace KpiGrpc.Cli.Import;

/// <summary>One file to import, opened and checked, whatever its record kind.</summary>
internal interface IImportJob : IDisposable
{
    string Name { get; }

    long Length { get; }

    IReadOnlyList<string> IgnoredColumns { get; }

    Task<ImportTally> RunAsync(
        IngestService.IngestServiceClient client, BatchImporter importer, IImportProgress progress, CancellationToken cancellationToken);
}

/// <summary>A file of <typeparamref name="T"/> records and the RPC that imports them.</summary>
internal sealed class ImportJob<T>(
    IRecordFile<T> file,
    Func<IngestService.IngestServiceClient, CancellationToken, IImportStream<T>> openStream) : IImportJob
    where T : class
{
    public string Name => file.Name;

    public long Length => file.Length;

    public IReadOnlyList<string> IgnoredColumns => file.IgnoredColumns;

    public async Task<ImportTally> RunAsync(
        IngestService.IngestServiceClient client, BatchImporter importer, IImportProgress progress, CancellationToken cancellationToken)
    {
        using var stream = openStream(client, cancellationToken);
        return await importer.RunAsync(file, stream, progress, cancellationToken);
    }

    public void Dispose() => file.Dispose();
}
