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

    public async Task<Result> FixedRateAsync(Func<long, HttpRequestMessage> request, int perSecond, TimeSpan duration, CancellationToken ct)
    {
        var total = (long)(perSecond * duration.TotalSeconds);
        var latencies = new double[total];
        long failures = 0;
        var inFlight = new List<Task>((int)Math.Min(total, 1 << 20));
        var clock = Stopwatch.StartNew();
        long next = 0;
        while (next < total)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * perSecond) + 1;
            for (; next < Math.Min(due, total); next++)
            {
                var i = next;
                var scheduled = TimeSpan.FromSeconds((double)i / perSecond);
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        using var response = await client.SendAsync(request(i), ct);
                        await response.Content.LoadIntoBufferAsync(ct);
                        if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
                    }
                    catch (Exception e) when (IsFailedRequest(e, ct)) { Interlocked.Increment(ref failures); }
                    latencies[i] = (clock.Elapsed - scheduled).TotalMilliseconds;
                }, ct));
            }
            await Task.Delay(1, ct);
        }
        await Task.WhenAll(inFlight);
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
