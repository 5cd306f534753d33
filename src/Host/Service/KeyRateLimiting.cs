using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Names.Host.Service;

/// <summary>
/// A token bucket per API key (per client address for requests without a valid key), via ASP.NET Core's rate
/// limiter; an exhausted bucket answers 429 rate_limited with Retry-After.
/// </summary>
public static class KeyRateLimiting
{
    public static void Configure(RateLimiterOptions options, ServiceSettings settings)
    {
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var partition = ApiKeyAuthentication.KeyIdOf(context.User) is { } keyId
                ? "key:" + keyId
                : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.RateBurst,
                // Refilled ten times a second (once per 1/rate s for rates under 10/s) rather than in one lump.
                TokensPerPeriod = Math.Max(1, settings.RatePerSecond / 10),
                ReplenishmentPeriod = settings.RatePerSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1.0 / Math.Max(1, settings.RatePerSecond)),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        options.OnRejected = async (context, ct) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "1";
            await ServiceProblem.WriteAsync(context.HttpContext, 429, ProblemCodes.RateLimited, "Too many requests",
                $"This key may send {settings.RatePerSecond} requests per second (bursts of {settings.RateBurst}).");
        };
    }
}
