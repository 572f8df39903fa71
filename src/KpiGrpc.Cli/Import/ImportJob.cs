using KpiGrpc.V1;

namespace KpiGrpc.Cli.Import;

/// <summary>One file to import, opened and checked, whatever its record kind.</summary>
internal interface IImportJob : IDisposable
{
    /// <summary>calls, results or sessions.</summary>
    string Kind { get; }

    string Path { get; }

    string Name { get; }

    long Length { get; }

    IReadOnlyList<string> IgnoredColumns { get; }

    Task<ImportTally> RunAsync(
        IngestService.IngestServiceClient client,
        BatchImporter importer,
        ImportJournal journal,
        IImportProgress progress,
        CancellationToken cancellationToken);
}

/// <summary>A file of <typeparamref name="T"/> records and the RPC that imports them.</summary>
internal sealed class ImportJob<T>(
    string kind,
    string path,
    IRecordFile<T> file,
    Func<IngestService.IngestServiceClient, CancellationToken, IImportStream<T>> openStream,
    string? displayName = null) : IImportJob
    where T : class
{
    public string Kind => kind;

    public string Path => path;

    /// <summary>The file name, or a name telling apart two readings of one file.</summary>
    public string Name => displayName ?? file.Name;

    public long Length => file.Length;

    public IReadOnlyList<string> IgnoredColumns => file.IgnoredColumns;

    public Task<ImportTally> RunAsync(
        IngestService.IngestServiceClient client,
        BatchImporter importer,
        ImportJournal journal,
        IImportProgress progress,
        CancellationToken cancellationToken) =>
        importer.RunAsync(file, token => openStream(client, token), journal, progress, cancellationToken);

    public void Dispose() => file.Dispose();
}
