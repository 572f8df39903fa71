using KpiGrpc.Server;

return CleanExit.Run(() =>
{
    var builder = WebApplication.CreateBuilder(KpiServerExtensions.BuilderOptions(args));
    builder.AddKpiServer();
    var app = builder.Build();
    app.MapKpiServer();
    app.Run();
});

public partial class Program;
