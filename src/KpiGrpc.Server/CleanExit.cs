using System.Reflection;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server;

/// <summary>
/// Runs the server so that a refusal to start (a bad setting, a data directory in use, a store
/// that will not open, a port taken) prints its reason and exits with 1, instead of dying of an
/// unhandled exception (134, SIGABRT) with a stack trace to read.
/// </summary>
public static class CleanExit
{
    public const int Failed = 1;

    /// <summary>Runs <paramref name="server"/> and returns its exit code, or <see cref="Failed"/> when it refuses to start.</summary>
    public static int Run(Func<int> server)
    {
        try
        {
            return server();
        }
        // A test host that runs Program (WebApplicationFactory) gets the exception, as it expects.
        catch (Exception ex) when (ex is not HostAbortedException && Assembly.GetEntryAssembly() == typeof(CleanExit).Assembly)
        {
            // Written straight to stderr: the console logger writes on a background thread, and the process ends now.
            Console.Error.WriteLine($"KpiGrpc.Server cannot run: {Describe(ex)}");
            return Failed;
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        AggregateException many => string.Join(Environment.NewLine, many.Flatten().InnerExceptions.Select(Describe)),
        OptionsValidationException invalid => string.Join(Environment.NewLine, invalid.Failures),
        _ => exception.Message,
    };
}
