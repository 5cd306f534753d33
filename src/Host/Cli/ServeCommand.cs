using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Names.Host.Service;

namespace Names.Host.Cli;

/// <summary>
/// <c>names serve [--db FILE | --pg CONN] [--urls URL]</c>: the real-time HTTP service. On first start with no API
/// key it creates an admin key and prints it once. Prints "names serve: listening on URL" when ready.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "SQLite registry file", DefaultValueFactory = _ => "names.db" };
        var pg = new Option<string?>("--pg") { Description = "PostgreSQL connection string (Npgsql), instead of --db" };
        var urls = new Option<string>("--urls") { Description = "address to listen on (port 0: any free port)", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var rate = new Option<int>("--rate-limit") { Description = "requests per second per API key", DefaultValueFactory = _ => 2000 };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "minimum level of the JSON logs (Trace ... Critical, None)", DefaultValueFactory = _ => LogLevel.Information };
        var command = new Command("serve", "Run the real-time HTTP service (lookup, resolve, entities) on the registry.") { db, pg, urls, rate, logLevel };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var settings = new ServiceSettings
            {
                DbPath = parse.GetValue(db)!, PgConnection = parse.GetValue(pg), Urls = parse.GetValue(urls)!,
                RatePerSecond = parse.GetValue(rate), RateBurst = Math.Max(1, parse.GetValue(rate) * 2), LogLevel = parse.GetValue(logLevel),
            };
            ServiceRuntime opened;
            try { opened = await ServiceRuntime.OpenAsync(settings, ct); }
            catch (Names.Resolver.Storage.RegistrySchemaTooNewException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("names serve: " + e.Message);
                return CliExitCodes.IoError;
            }
            await using var runtime = opened;
            if (await runtime.Keys.CreateFirstAdminKeyAsync(ct) is { } first)
            {
                await output.WriteLineAsync("names serve: no API key existed; created admin key (shown once, store it now):");
                await output.WriteLineAsync(first.Key);
            }
            await using var app = ServiceApplication.Build(runtime, settings);
            await app.StartAsync(ct);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses) await output.WriteLineAsync("names serve: listening on " + address);
            await output.FlushAsync(ct);
            try { await app.WaitForShutdownAsync(ct); }
            catch (OperationCanceledException) { }
            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }
}
