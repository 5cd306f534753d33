using System.Diagnostics;
using System.Net.Http.Headers;

namespace Names.Service.Tests;

/// <summary>
/// A real `names serve` process on loopback (port 0: the OS picks a free one). Reads the first admin key and the
/// listening address from its stdout; killed (with its own handle) on dispose.
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

    public static async Task<ServeProcess> StartAsync(params string[] storeArguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "names.dll"));
        info.ArgumentList.Add("serve");
        foreach (var a in storeArguments) info.ArgumentList.Add(a);
        foreach (var a in new[] { "--urls", "http://127.0.0.1:0", "--log-level", "Warning" }) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start names serve");
        var serve = new ServeProcess(process);
        bool keyNext = false;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { serve._listening.TrySetException(new InvalidOperationException("names serve exited: " + string.Join('\n', serve._output))); return; }
            lock (serve._output) serve._output.Add(e.Data);
            if (keyNext) { serve.FirstAdminKey = e.Data.Trim(); keyNext = false; }
            else if (e.Data.Contains("created admin key")) keyNext = true;
            else if (e.Data.StartsWith("names serve: listening on ", StringComparison.Ordinal)) serve._listening.TrySetResult(e.Data["names serve: listening on ".Length..].Trim());
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (serve._output) serve._output.Add("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ready = await Task.WhenAny(serve._listening.Task, Task.Delay(TimeSpan.FromSeconds(90)));
        if (ready != serve._listening.Task)
        {
            await serve.DisposeAsync();
            throw new TimeoutException("names serve did not start: " + string.Join('\n', serve._output));
        }
        serve.BaseAddress = new Uri(await serve._listening.Task);
        return serve;
    }

    public HttpClient Client(string key) => new() { BaseAddress = BaseAddress, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };

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
