using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Names.Host.Service;

/// <summary>
/// Request counts (by method, route, status), a latency histogram per route and resolution counts, rendered in the
/// Prometheus text exposition format. Lock-free counters; one instance per service.
/// </summary>
public sealed class RequestMetrics
{
    /// <summary>Upper bounds of the latency buckets, in seconds.</summary>
    public static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private sealed class Histogram
    {
        public readonly long[] Counts = new long[Buckets.Length + 1];
        public long SumMicroseconds;
    }

    private readonly ConcurrentDictionary<(string Method, string Route, int Status), StrongBox> _requests = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox> _resolutions = new(StringComparer.Ordinal);

    private sealed class StrongBox
    {
        public long Value;
    }

    public void Record(string method, string route, int status, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _requests.GetOrAdd((method, route, status), _ => new StrongBox()).Value);
        var h = _latency.GetOrAdd(route, _ => new Histogram());
        var seconds = elapsed.TotalSeconds;
        int i = 0;
        while (i < Buckets.Length && seconds > Buckets[i]) i++;
        Interlocked.Increment(ref h.Counts[i]);
        Interlocked.Add(ref h.SumMicroseconds, (long)(elapsed.Ticks / 10));
    }

    public void RecordResolution(string resolution) => Interlocked.Increment(ref _resolutions.GetOrAdd(resolution, _ => new StrongBox()).Value);

    public string RenderPrometheus()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append("# HELP names_http_requests_total HTTP requests answered, by method, route and status.\n");
        sb.Append("# TYPE names_http_requests_total counter\n");
        foreach (var ((method, route, status), box) in _requests.OrderBy(kv => kv.Key.Route, StringComparer.Ordinal).ThenBy(kv => kv.Key.Method).ThenBy(kv => kv.Key.Status))
            sb.Append(inv, $"names_http_requests_total{{method=\"{Escape(method)}\",route=\"{Escape(route)}\",status=\"{status}\"}} {Interlocked.Read(ref box.Value)}\n");
        sb.Append("# HELP names_http_request_duration_seconds Time from request start to the answer, by route.\n");
        sb.Append("# TYPE names_http_request_duration_seconds histogram\n");
        foreach (var (route, h) in _latency.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            long cumulative = 0;
            for (int i = 0; i < Buckets.Length; i++)
            {
                cumulative += Interlocked.Read(ref h.Counts[i]);
                sb.Append(inv, $"names_http_request_duration_seconds_bucket{{route=\"{Escape(route)}\",le=\"{Buckets[i].ToString("R", inv)}\"}} {cumulative}\n");
            }
            cumulative += Interlocked.Read(ref h.Counts[^1]);
            sb.Append(inv, $"names_http_request_duration_seconds_bucket{{route=\"{Escape(route)}\",le=\"+Inf\"}} {cumulative}\n");
            sb.Append(inv, $"names_http_request_duration_seconds_sum{{route=\"{Escape(route)}\"}} {(Interlocked.Read(ref h.SumMicroseconds) / 1e6).ToString("R", inv)}\n");
            sb.Append(inv, $"names_http_request_duration_seconds_count{{route=\"{Escape(route)}\"}} {cumulative}\n");
        }
        sb.Append("# HELP names_resolutions_total Parties resolved, by outcome (matched, new, review, rejected).\n");
        sb.Append("# TYPE names_resolutions_total counter\n");
        foreach (var (resolution, box) in _resolutions.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append(inv, $"names_resolutions_total{{resolution=\"{Escape(resolution)}\"}} {Interlocked.Read(ref box.Value)}\n");
        // Code compiled while serving: a young process spends a large share of its CPU re-compiling hot methods (tiering).
        sb.Append("# HELP names_jit_compilation_seconds_total Time this process has spent compiling methods.\n");
        sb.Append("# TYPE names_jit_compilation_seconds_total counter\n");
        sb.Append(inv, $"names_jit_compilation_seconds_total {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds.ToString("R", inv)}\n");
        return sb.ToString();
    }

    private static string Escape(string label) => label.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
