using System.Runtime.InteropServices;
using Names.Host.Cli;

// Ctrl-C (SIGINT) and SIGTERM ask the command to stop cleanly (`names resolve` commits the current batch first, exit 130).
// A second Ctrl-C ends the process at once; a resolve run stays resumable either way.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancel.IsCancellationRequested;
    if (e.Cancel) Console.Error.WriteLine("names: stopping after the current batch (Ctrl-C again to abort at once)");
    cancel.Cancel();
};
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});
return await NamesCli.RunAsync(args, CliConsole.FromProcess(), cancel.Token);
