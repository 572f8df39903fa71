namespace KpiGrpc.Cli.Import;

/// <summary>Shows how far the import of one file has gone.</summary>
internal interface IImportProgress
{
    /// <summary>Bytes of the file consumed so far.</summary>
    void Read(long bytesRead);

    /// <summary>Records of a batch the server acknowledged.</summary>
    void Acknowledged(int records);

    /// <summary>The stream failed for a transient reason and is being reopened.</summary>
    void Retrying(string message);

    void Complete(long length);
}
