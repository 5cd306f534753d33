using Names.Resolver.Service;

namespace Names.Service.Tests;

/// <summary>Every endpoint with no key (401), an unknown key (401), each role below its minimum (403) and at or above it.</summary>
public sealed class RoleTests(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    public static TheoryData<string, string, ApiRole> Endpoints => new()
    {
        { "POST", "/api/v1/normalize", ApiRole.Reader },
        { "GET", "/api/v1/lookup?name=Role%20Probe", ApiRole.Reader },
        { "GET", "/api/v1/entities/{id}", ApiRole.Reader },
        { "GET", "/api/v1/entities/{id}/history", ApiRole.Reader },
        { "GET", "/api/v1/entities/{id}/personal-data", ApiRole.Admin },
        { "GET", "/api/v1/changes?after=0&limit=5", ApiRole.Reader },
        { "GET", "/api/v1/metrics", ApiRole.Reader },
        { "POST", "/api/v1/resolve", ApiRole.Filer },
        { "GET", "/api/v1/review", ApiRole.Reviewer },
        { "GET", "/api/v1/keys", ApiRole.Admin },
        { "POST", "/api/v1/keys", ApiRole.Admin },
    };

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        if (path.Contains("{id}"))
        {
            var id = (await (await fixture.Factory.ClientFor(ApiRole.Admin).ResolveAsync(new { name = "Role Probe Entity GmbH" })).ReadJsonAsync()).GetProperty("id").GetString();
            path = path.Replace("{id}", id);
        }
        object body = path switch
        {
            "/api/v1/normalize" => new { names = new[] { new { name = "Role Probe" } } },
            "/api/v1/resolve" => new { name = "Role Probe Filing Ltd" },
            _ => new { name = "role-probe-key", role = "reader" },
        };
        return method == "GET" ? await client.GetAsync(path) : await client.PostAsync(path, Http.Json(body));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task No_key_is_401_unknown_key_401_low_role_403_enough_role_succeeds(string method, string path, ApiRole minimum)
    {
        await (await SendAsync(fixture.Factory.ClientFor(null), method, path)).AssertProblemAsync(401, "unauthorized");
        var wrong = fixture.Factory.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", ApiKeySecret.NewKey());
        await (await SendAsync(wrong, method, path)).AssertProblemAsync(401, "invalid_api_key");
        foreach (var role in Enum.GetValues<ApiRole>())
        {
            var response = await SendAsync(fixture.Factory.ClientFor(role), method, path);
            if (role < minimum) await response.AssertProblemAsync(403, "forbidden");
            else Assert.True(response.IsSuccessStatusCode, $"{role} on {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Health_and_openapi_are_open()
    {
        Assert.True((await fixture.Factory.ClientFor(null).GetAsync("/api/v1/health")).IsSuccessStatusCode);
        Assert.True((await fixture.Factory.ClientFor(null).GetAsync("/openapi/v1.json")).IsSuccessStatusCode);
    }
}
