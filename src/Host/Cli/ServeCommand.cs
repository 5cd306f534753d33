using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Names.Host.Service;
using Names.Resolver.Service.ReadModel;

namespace Names.Host.Cli;

/// <summary>
/// <c>names serve [--db FILE | --pg CONN | --pg-file FILE] [--urls URL] ...</c>: the real-time HTTP service. Every
/// option is also a setting of appsettings.json and an environment variable (<see cref="NamesSettings.Serve"/>). On first
/// start with no API key it creates an admin key and prints it once. Prints "names serve: listening on URL" when ready.
/// </summary>
public static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("serve",
            "Run the real-time HTTP service (lookup, resolve, entities) on the registry. Each option can also be set in " +
            $"{NamesConfiguration.DefaultFileName} (or --config FILE) as \"Section\": {{ \"Name\": value }}, or in the environment " +
            "variable shown; a flag wins over the environment, which wins over the file. docs/deploy.md lists them all.");
        new RegistryOptions().AddTo(command);
        foreach (var setting in NamesSettings.Serve) command.Options.Add(setting.CreateOption());
        command.SetAction((parse, ct) => CommandExecution.RunAsync(console, "serve", async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var config = NamesConfiguration.Load(parse);
            var settings = Read(config, parse.InvocationConfiguration.Error);
            ServiceRuntime opened;
            try { opened = await ServiceRuntime.OpenAsync(settings, ct); }
            catch (Names.Resolver.Storage.RegistrySchemaTooNewException e)
            {
                throw new CliIoException(e.Message, e);
            }
            await using var runtime = opened;
            if (runtime.Resolver.ModelRefused is { } refused) await parse.InvocationConfiguration.Error.WriteLineAsync("names serve: warning: " + refused);
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
            // Stops accepting, lets the requests in flight finish (at most ShutdownTimeout), then exits 0.
            await app.StopAsync(CancellationToken.None);
            return 0;
        }));
        return command;
    }

    /// <summary>The service's settings from the file, the environment and the flags.</summary>
    public static ServiceSettings Read(NamesConfiguration config, TextWriter warnings)
    {
        var rate = config.GetInt(NamesSettings.ServeRateLimit, 1, int.MaxValue / 2);
        return ServiceSettings.For(RegistryOptions.Bind(config, warnings)) with
        {
            Urls = config.GetText(NamesSettings.ServeUrls),
            RatePerSecond = rate,
            RateBurst = rate * 2,
            LogLevel = config.GetEnum<LogLevel>(NamesSettings.ServeLogLevel),
            ReadModel = new ReadModelOptions { MaxStaleness = TimeSpan.FromMilliseconds(config.GetInt(NamesSettings.ServeLookupStaleness, 0)) },
            ShutdownTimeout = TimeSpan.FromSeconds(config.GetInt(NamesSettings.ServeShutdownTimeout, 0, 3600)),
            MaxBodyBytes = config.GetInt(NamesSettings.ServeMaxBodyBytes, 1024),
        };
    }
}
