using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Names.Resolver.Service;

namespace Names.Service.Tests;

/// <summary>
/// `names serve` as a managed service: liveness apart from readiness, a stop (SIGTERM) that drains the requests in
/// flight, and systemd's readiness notification and journald log format when systemd starts it.
/// </summary>
public sealed class ServeLifecycleTests(Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("names-lifecycle-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Readiness_waits_for_every_pending_condition_while_liveness_answers()
    {
        await using var factory = await ServiceFactory.CreateSqliteAsync();
        using var anonymous = factory.ClientFor(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/health/ready")).StatusCode);

        factory.Runtime.Readiness.Require("candidate index");
        var waiting = await (await anonymous.GetAsync("/api/v1/health/ready")).AssertProblemAsync(503, "not_ready");
        Assert.Contains("candidate index", waiting.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/health/live")).StatusCode);

        factory.Runtime.Readiness.Complete("candidate index");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/health/ready")).StatusCode);
        factory.Runtime.Readiness.MarkStopping();
        var stopping = await (await anonymous.GetAsync("/api/v1/health/ready")).AssertProblemAsync(503, "not_ready");
        Assert.Contains("stopping", stopping.GetProperty("detail").GetString());
    }

    /// <summary>
    /// 16 clients resolve new names as fast as they can; SIGTERM arrives mid-load. Every request the service accepted
    /// is answered 200, and the process exits 0 within the bound. A request the service did not accept is refused at
    /// connect (the listener is closed) or finds its kept-alive connection closed before the service read it: such a
    /// name must then be unknown to the registry (checked after a restart), else the service acted without answering.
    /// </summary>
    [Fact]
    public async Task Sigterm_under_load_answers_every_accepted_request_then_exits_0()
    {
        var db = Path.Combine(_dir, "names.db");
        string key;
        int answered = 0, answeredAfterSignal = 0, refused = 0, sent = 0;
        var failures = new ConcurrentBag<string>();
        var unanswered = new ConcurrentBag<string>();
        string? answeredAfterSignalName = null;
        await using (var serve = await ServeProcess.StartAsync("--db", db, "--shutdown-timeout", "20"))
        {
            key = serve.FirstAdminKey!;
            using var client = serve.Client(key);
            Assert.Equal(HttpStatusCode.OK, (await client.ResolveAsync(new { name = "Warm Up BV", country = "NL" })).StatusCode);
            var signalled = 0;
            var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
            {
                for (int i = 0; ; i++)
                {
                    Interlocked.Increment(ref sent);
                    // Each name its own key: a bare number inside a name is left out of the key ("Drain Test 11 Holding 94"
                    // and "Drain Test 5 Holding 94" share one), and a shared key would make the registry check below blind.
                    var name = $"Drain Test W{w} R{i} BV";
                    HttpResponseMessage response;
                    try { response = await client.ResolveAsync(new { name, country = "NL" }); }
                    catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
                    {
                        Interlocked.Increment(ref refused);
                        return;
                    }
                    catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError)
                    {
                        unanswered.Add(name);
                        return;
                    }
                    catch (Exception e)
                    {
                        failures.Add($"{name}: {e.GetType().Name}: {e.Message} {e.InnerException?.Message}");
                        return;
                    }
                    if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{name}: {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    else
                    {
                        Interlocked.Increment(ref answered);
                        if (Volatile.Read(ref signalled) == 1)
                        {
                            Interlocked.Increment(ref answeredAfterSignal);
                            Volatile.Write(ref answeredAfterSignalName, name);
                        }
                    }
                }
            })).ToList();

            await Task.Delay(TimeSpan.FromSeconds(2));
            Volatile.Write(ref signalled, 1);
            var stopwatch = Stopwatch.StartNew();
            await serve.TerminateAsync();
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), "names serve did not exit after SIGTERM");
            log.WriteLine($"exit {stopwatch.Elapsed.TotalMilliseconds:F0} ms after SIGTERM");
            var all = Task.WhenAll(workers);
            Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30))));
            Assert.True(failures.IsEmpty, string.Join('\n', failures.Take(5)) + "\n" + string.Join('\n', serve.Output.TakeLast(20)));
            Assert.Equal(0, serve.ExitCode);
        }

        await using (var again = await ServeProcess.StartAsync("--db", db))
        {
            using var client = again.Client(key);
            async Task<bool> KnownAsync(string name)
            {
                var lookup = await (await client.GetAsync("/api/v1/lookup?limit=1&country=NL&name=" + Uri.EscapeDataString(name))).ReadJsonAsync();
                return lookup.GetProperty("parties").EnumerateArray().SelectMany(p => p.GetProperty("candidates").EnumerateArray())
                    .Any(c => c.GetProperty("matchedVariant").GetString() == name &&
                              c.GetProperty("explanation").GetProperty("summary").GetString()!.StartsWith("known variant", StringComparison.Ordinal));
            }
            Assert.True(await KnownAsync("Warm Up BV"), "the check cannot see a resolved name");
            if (answeredAfterSignalName is not null) Assert.True(await KnownAsync(answeredAfterSignalName), "a name answered during the drain is not in the registry");
            Assert.False(await KnownAsync("Drain Test W1 R999999 BV"), "the check sees a name that was never sent");
            foreach (var name in unanswered) Assert.False(await KnownAsync(name), $"'{name}' was resolved by the service but its client got no answer");
        }
        log.WriteLine($"sent {sent}: answered {answered} ({answeredAfterSignal} after SIGTERM), refused at connect {refused}, " +
                      $"closed before being read {unanswered.Count} (none in the registry), failed 0");
        Assert.True(answered > 100, $"only {answered} answers: the load did not run");
        Assert.True(answeredAfterSignal > 0, "no request was in flight when SIGTERM arrived: the test did not test draining");
    }

    /// <summary>
    /// systemd starts services with NOTIFY_SOCKET set and itself as the parent process. A shell named "systemd" stands in
    /// for it: the service sends READY=1 once it listens, and logs in journald's format ("&lt;6&gt;" priority prefixes).
    /// </summary>
    [Fact]
    public async Task Under_systemd_the_service_notifies_readiness_and_logs_for_journald()
    {
        var launcher = Path.Combine(_dir, "systemd");
        File.Copy("/bin/sh", launcher);
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var socketPath = Path.Combine(_dir, "notify");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        var received = new List<string>();
        var ready = Task.Run(async () =>
        {
            var buffer = new byte[512];
            while (true)
            {
                var n = await notify.ReceiveAsync(buffer, SocketFlags.None);
                var message = Encoding.UTF8.GetString(buffer, 0, n);
                lock (received) received.Add(message);
                if (message.Contains("READY=1")) return;
            }
        });

        await using var serve = await ServeProcess.StartAsync(new ServeStart(["--db", Path.Combine(_dir, "names.db")])
        {
            Launcher = launcher, LogLevel = "Information", Environment = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socketPath },
        });
        Assert.Same(ready, await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(30))));
        await Task.Delay(500); // the start-up log lines follow the notification
        var logs = serve.Output.Where(l => l.StartsWith("stderr: ", StringComparison.Ordinal)).ToList();
        Assert.Contains(logs, l => l.StartsWith("stderr: <6>Microsoft.Hosting.Lifetime", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains("\"LogLevel\""));

        // Started any other way: no notification expected, JSON logs.
        await using var plain = await ServeProcess.StartAsync(new ServeStart(["--db", Path.Combine(_dir, "plain.db")]) { LogLevel = "Information" });
        await Task.Delay(500);
        Assert.Contains(plain.Output, l => l.StartsWith("stderr: {", StringComparison.Ordinal) && l.Contains("\"Category\":\"Microsoft.Hosting.Lifetime\""));
    }
}
