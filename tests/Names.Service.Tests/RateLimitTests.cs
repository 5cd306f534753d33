using Names.Resolver.Service;

namespace Names.Service.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_key_over_its_rate_gets_429_while_another_key_is_served()
    {
        await using var service = await ServiceFactory.CreateSqliteAsync(s => s with { RatePerSecond = 1, RateBurst = 3 });
        var reader = service.ClientFor(ApiRole.Reader);
        var statuses = new List<int>();
        for (int i = 0; i < 6; i++) statuses.Add((int)(await reader.GetAsync("/api/v1/lookup?name=Rate%20Probe")).StatusCode);
        Assert.Equal([200, 200, 200], statuses.Take(3));
        Assert.Contains(429, statuses.Skip(3));
        var limited = await reader.GetAsync("/api/v1/lookup?name=Rate%20Probe");
        Assert.True(limited.Headers.Contains("Retry-After"));
        await limited.AssertProblemAsync(429, "rate_limited");
        Assert.Equal(200, (int)(await service.ClientFor(ApiRole.Filer).GetAsync("/api/v1/lookup?name=Rate%20Probe")).StatusCode);
    }
}
