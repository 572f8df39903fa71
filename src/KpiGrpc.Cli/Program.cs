using KpiGrpc.Cli.Commands;

return await KpiCommandLine.Create().Parse(args).InvokeAsync();
