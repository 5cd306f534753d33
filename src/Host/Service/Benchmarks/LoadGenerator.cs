using System.Diagnostics;

namespace Names.Host.Service.Benchmarks;

/// <summary>
/// HTTP load on loopback with keep-alive connections: a fixed request rate (latency measured from each request's
/// scheduled start, so a stalled server is not hidden by a stalled generator) or saturation by N closed-loop workers.
/// </summary>
public sealed class LoadGenerator(HttpClient client)
{
    public sealed record Result(long Requests, long Failures, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs)
    {
        public double PerSecond => Requests / Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Open-loop load at <paramref name="perSecond"/>: request i is due at i / perSecond. Paced workers (each on its own
    /// keep-alive connection from the pool) take every K-th request, wait until it is due and send it; a slow answer
    /// that delays the worker's next requests is charged to them too (no coordinated omission). Launching one task per
    /// request from a 1 ms polling loop instead measured the generator's own scheduling: p50 4 ms where an independent
    /// sequential client saw 0.55 ms.
    /// </summary>
    public async Task<Result> FixedRateAsync(Func<long, HttpRequestMessage> request, int perSecond, TimeSpan duration, CancellationToken ct)
    {
        var total = (long)(perSecond * duration.TotalSeconds);
        var latencies = new double[total];
        long failures = 0;
        // Enough workers that each has >= 4 ms between its requests, so one slow answer delays few others.
        var workers = (int)Math.Clamp(perSecond / 250, 1, 64);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var free = TimeSpan.Zero; // when this worker's previous answer arrived
            for (long i = w; i < total; i += workers)
            {
                var due = TimeSpan.FromSeconds((double)i / perSecond);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
                // A request held back by a slow previous answer counts from when it was due (the service's delay); one the
                // worker was free to send on time counts from its send, so the timer's own wake-up jitter (~1 ms) is not
                // charged to the service.
                var from = free > due ? due : clock.Elapsed;
                try
                {
                    using var response = await client.SendAsync(request(i), ct);
                    await response.Content.LoadIntoBufferAsync(ct);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
                }
                catch (Exception e) when (IsFailedRequest(e, ct)) { Interlocked.Increment(ref failures); }
                free = clock.Elapsed;
                latencies[i] = (free - from).TotalMilliseconds;
            }
        }, ct)));
        return Summarise(latencies, failures, clock.Elapsed);
    }

    public async Task<Result> SaturateAsync(Func<long, HttpRequestMessage> request, int workers, TimeSpan duration, CancellationToken ct)
    {
        long counter = -1, failures = 0;
        var perWorker = new List<double>[workers];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = perWorker[w] = new List<double>();
            while (clock.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref counter);
                var start = clock.Elapsed;
                try
                {
                    using var response = await client.SendAsync(request(i), ct);
                    await response.Content.LoadIntoBufferAsync(ct);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
                }
                catch (Exception e) when (IsFailedRequest(e, ct)) { Interlocked.Increment(ref failures); }
                mine.Add((clock.Elapsed - start).TotalMilliseconds);
            }
        }, ct)));
        return Summarise(perWorker.SelectMany(l => l).ToArray(), failures, clock.Elapsed);
    }

    /// <summary>A refused connection or a request that timed out counts as a failure; cancelling the run does not.</summary>
    private static bool IsFailedRequest(Exception e, CancellationToken ct) =>
        e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested);

    private static Result Summarise(double[] latencies, long failures, TimeSpan elapsed)
    {
        Array.Sort(latencies);
        double At(double q) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
        return new Result(latencies.Length, failures, elapsed, At(0.50), At(0.99), latencies.Length == 0 ? 0 : latencies[^1]);
    }
}
