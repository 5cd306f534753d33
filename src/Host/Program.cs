using Names.Host.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
return await NamesCli.RunAsync(args, CliConsole.FromProcess(), cancel.Token);
