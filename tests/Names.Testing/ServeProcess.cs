using System.Diagnostics;
using System.Net.Http.Headers;

namespace Names.Testing;

/// <summary>
/// A real `names serve` process on loopback (port 0: the OS picks a free one, unless the test gives the address its own
/// way). Reads the first admin key and the listening address from its stdout; killed (with its own handle) on dispose.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;
    /// <summary>The admin key printed on first start, or null when keys already existed.</summary>
    public string? FirstAdminKey { get; private set; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything printed so far (stderr lines prefixed "stderr: ").</summary>
    public IReadOnlyList<string> Output { get { lock (_output) return _output.ToList(); } }

    public static Task<ServeProcess> StartAsync(params string[] storeArguments) => StartAsync(new ServeStart(storeArguments));

    public static async Task<ServeProcess> StartAsync(ServeStart start)
    {
        var info = new ProcessStartInfo(start.Launcher ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var serve = new List<string> { Path.Combine(AppContext.BaseDirectory, "names.dll"), "serve" };
        serve.AddRange(start.Arguments);
        if (start.AnyPort) serve.AddRange(["--urls", "http://127.0.0.1:0"]);
        if (start.LogLevel is { } level) serve.AddRange(["--log-level", level]);
        if (start.Launcher is null) foreach (var a in serve) info.ArgumentList.Add(a);
        else
        {
            // A shell that stays the parent of `dotnet names.dll serve` (no exec: `; exit`).
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("dotnet " + string.Join(' ', serve.Select(a => "'" + a.Replace("'", "'\\''") + "'")) + "; exit $?");
        }
        foreach (var (name, value) in start.Environment) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start names serve");
        var result = new ServeProcess(process);
        bool keyNext = false;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { result._listening.TrySetException(new InvalidOperationException("names serve exited: " + string.Join('\n', result.Output))); return; }
            lock (result._output) result._output.Add(e.Data);
            if (keyNext) { result.FirstAdminKey = e.Data.Trim(); keyNext = false; }
            else if (e.Data.Contains("created admin key")) keyNext = true;
            else if (e.Data.StartsWith("names serve: listening on ", StringComparison.Ordinal)) result._listening.TrySetResult(e.Data["names serve: listening on ".Length..].Trim());
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (result._output) result._output.Add("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ready = await Task.WhenAny(result._listening.Task, Task.Delay(TimeSpan.FromSeconds(90)));
        if (ready != result._listening.Task)
        {
            await result.DisposeAsync();
            throw new TimeoutException("names serve did not start: " + string.Join('\n', result.Output));
        }
        result.BaseAddress = new Uri(await result._listening.Task);
        return result;
    }

    public HttpClient Client(string key) => new() { BaseAddress = BaseAddress, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };

    /// <summary>SIGTERM, as systemd stops a service: the service drains and exits by itself.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); return true; }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>SIGKILL: the service gets no chance to finish anything.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}

/// <summary>How to start <see cref="ServeProcess"/>: arguments after <c>serve</c>, environment, and an optional launcher shell.</summary>
public sealed record ServeStart(IReadOnlyList<string> Arguments)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>Adds <c>--urls http://127.0.0.1:0</c>; off when the test sets the address through settings.</summary>
    public bool AnyPort { get; init; } = true;
    public string? LogLevel { get; init; } = "Warning";
    /// <summary>A POSIX shell to start the service through (it stays its parent process).</summary>
    public string? Launcher { get; init; }
}
