using System.Diagnostics;

namespace Names.Testing;

/// <summary>What a `names` run printed and its exit code.</summary>
public sealed record CliRunResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// The real `names` executable (names.dll next to the tests) as a child process, for what an in-process run cannot show:
/// SIGKILL at an arbitrary moment, SIGINT/SIGTERM. Standard output and error are captured.
/// </summary>
public sealed class NamesProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private NamesProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    public static NamesProcess Start(params string[] args) => Start(null, args);

    /// <param name="environment">Variables set for the process on top of the tests' own.</param>
    public static NamesProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "names.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return new NamesProcess(Process.Start(info) ?? throw new InvalidOperationException("cannot start names"));
    }

    /// <summary>Runs to the end (at most <paramref name="timeout"/>).</summary>
    public static async Task<CliRunResult> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var p = Start(args);
        return await p.WaitAsync(timeout);
    }

    /// <summary>Runs to the end (at most 2 minutes).</summary>
    public static Task<CliRunResult> RunAsync(params string[] args) => RunAsync(TimeSpan.FromMinutes(2), args);

    public static async Task<CliRunResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var p = Start(environment, args);
        return await p.WaitAsync(TimeSpan.FromMinutes(2));
    }

    public async Task<CliRunResult> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"names did not finish within {timeout}: {await _stderr}");
        }
        return new CliRunResult(_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>SIGKILL: no handler runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends a signal the process can handle (INT, TERM) with the system's kill command.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
