using Spectre.Console;

namespace Names.Host.Cli;

/// <summary>What a long-running command reports while it works.</summary>
public readonly record struct ProgressSnapshot(long Rows, long BytesRead, long? TotalBytes);

/// <summary>
/// A progress bar with rows/s and ETA on stderr, drawn only when stderr is a terminal (never into redirected logs).
/// The bar follows bytes read when the input's length is known (files), otherwise it is indeterminate (stdin).
/// </summary>
public sealed class TerminalProgress(CliConsole console)
{
    public async Task<T> TrackAsync<T>(string label, Func<ProgressSnapshot> poll, Task<T> work)
    {
        if (!console.ErrorIsTerminal) return await work;
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        await ansi.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var first = poll();
                var task = ctx.AddTask(label, maxValue: Math.Max(1, first.TotalBytes ?? 1));
                task.IsIndeterminate = first.TotalBytes is null;
                var started = DateTime.UtcNow;
                while (!work.IsCompleted)
                {
                    await Task.WhenAny(work, Task.Delay(250));
                    var s = poll();
                    var seconds = Math.Max(0.001, (DateTime.UtcNow - started).TotalSeconds);
                    task.Description = $"{label}: {s.Rows:N0} rows, {s.Rows / seconds:N0} rows/s";
                    if (s.TotalBytes is not null) task.Value = Math.Min(s.BytesRead, s.TotalBytes.Value);
                }
                task.Value = task.MaxValue;
            });
        return await work;
    }
}
