using KpiGrpc.Server;

return CleanExit.Run(() =>
{
    var builder = WebApplication.CreateBuilder(KpiServerExtensions.BuilderOptions(args));
    builder.AddKpiServer();
    if (StoreMaintenance.CommandIn(args) is { } maintenance)
    {
        // --verify or --repair: on the stopped store, instead of serving.
        return StoreMaintenance.Run(maintenance, StoreMaintenance.DataDirectoryOf(builder.Configuration), Console.Out);
    }

    var app = builder.Build();
    app.MapKpiServer();
    app.Run();
    return 0;
});

public partial class Program;
