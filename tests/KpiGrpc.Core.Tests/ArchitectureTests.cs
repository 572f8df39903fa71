using KpiGrpc.Core.Ingest;

namespace KpiGrpc.Core.Tests;

/// <summary>The layer rule of docs/ARCHITECTURE.md: Core knows no ASP.NET, database, gRPC or generated contract.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void Core_ReferencedAssemblies_NoHostStoreOrWire()
    {
        string[] forbidden = ["Microsoft.AspNetCore", "Microsoft.Data.Sqlite", "Npgsql", "Grpc", "Google.Protobuf", "KpiGrpc.Contracts", "KpiGrpc.Storage", "KpiGrpc.Server"];

        var references = typeof(IngestEngine).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToList();

        Assert.DoesNotContain(references, reference => forbidden.Any(prefix => reference.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Contains("System.IO.Hashing", references);
    }
}
