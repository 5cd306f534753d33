using Names.Host.Cli;

return await NamesCli.RunAsync(args);
