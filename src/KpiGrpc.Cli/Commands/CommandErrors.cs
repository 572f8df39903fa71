using Grpc.Core;
using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Import;
using KpiGrpc.Cli.Import.Checkpoints;

namespace KpiGrpc.Cli.Commands;

/// <summary>Turns the failures every command can meet into one clear line on stderr and an exit code.</summary>
internal static class CommandErrors
{
    public static async Task<int> RunAsync(string server, Func<Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is CliUsageException or CsvSchemaException or FileNotFoundException or CheckpointException)
        {
            return Fail(ex.Message, ExitCodes.InvalidInput);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return Fail("cancelled", ExitCodes.Cancelled);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail("cancelled", ExitCodes.Cancelled);
        }
        catch (RpcException ex) when (TlsFailure.Of(ex) is { } tls)
        {
            return Fail(TlsFailure.Describe(server, tls), ExitCodes.ServerError);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
        {
            var cause = ex.Status.DebugException?.InnerException?.Message ?? ex.Status.DebugException?.Message ?? ex.Status.Detail;
            return Fail($"cannot reach the server at {server}: {cause}", ExitCodes.ServerError);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
        {
            var status = ex.StatusCode == StatusCode.Unauthenticated ? "UNAUTHENTICATED" : "PERMISSION_DENIED";
            return Fail($"{status}: {ex.Status.Detail}", ExitCodes.AccessDenied);
        }
        catch (RpcException ex)
        {
            return Fail($"the server refused the request ({ex.StatusCode}): {ex.Status.Detail}", ExitCodes.ServerError);
        }
        catch (ImportInterruptedException ex)
        {
            return Fail(ex.Message, ExitCodes.ServerError);
        }
    }

    private static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine($"kpi: {message}");
        return exitCode;
    }
}
