using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Names.Resolver.Registry;
using Names.Resolver.Service;

namespace Names.Service.Tests;

/// <summary>
/// Hostile requests against every endpoint that reads a body or a query: oversize bodies (with and without a
/// Content-Length) answer 413, malformed JSON 400 with problem details, unknown fields and query parameters are
/// ignored (the answer is the one the request without them gets), duplicate JSON properties are refused, and names
/// that look like SQL or script are stored verbatim (the variant's rawName) and answered byte for byte while the
/// registry stays intact.
/// </summary>
public sealed class HostileRequestTests(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    private ServiceFactory Service => fixture.Factory;

    /// <summary>The endpoints that read a JSON body: path, role, a valid body.</summary>
    private async Task<List<(string Path, ApiRole Role, string Body)>> BodyEndpointsAsync()
    {
        var id = (await (await Service.ClientFor(ApiRole.Filer).ResolveAsync(new { name = "Hostile Split Target Holdings BV", country = "NL" })).ReadJsonAsync())
            .GetProperty("id").GetString()!;
        return
        [
            ("/api/v1/normalize", ApiRole.Reader, """{"names":[{"name":"Oversize Probe GmbH"}]}"""),
            ("/api/v1/resolve", ApiRole.Filer, """{"name":"Oversize Probe GmbH","country":"DE"}"""),
            ("/api/v1/keys", ApiRole.Admin, """{"name":"hostile-test","role":"reader"}"""),
            ($"/api/v1/entities/{id}/split", ApiRole.Reviewer, """{"variants":[999999999]}"""),
        ];
    }

    [Fact]
    public async Task Oversize_bodies_answer_413_with_or_without_a_content_length()
    {
        var limit = (int)Service.Settings.MaxBodyBytes;
        foreach (var (path, role, _) in await BodyEndpointsAsync())
        {
            var client = Service.ClientFor(role);
            var huge = "{\"names\":[{\"name\":\"" + new string('x', limit) + "\"}],\"name\":\"x\",\"variants\":[1]}";
            await (await client.PostAsync(path, new StringContent(huge, Encoding.UTF8, "application/json"))).AssertProblemAsync(413, "body_too_large");
            await (await client.PostAsync(path, new UnknownLengthContent(Encoding.UTF8.GetBytes(huge)))).AssertProblemAsync(413, "body_too_large");
        }
    }

    public static TheoryData<string, string> MalformedBodies() => new()
    {
        { "truncated", "{\"names\": [" },
        { "empty", "" },
        { "JSON null", "null" },
        { "array instead of object", "[]" },
        { "string instead of object", "\"Acme GmbH\"" },
        { "wrong type", "{\"names\": \"Acme\", \"name\": 5, \"variants\": \"x\", \"role\": 1}" },
        { "trailing garbage", "{\"name\":\"Acme\"} trailing" },
        { "comment", "{/* c */ \"name\":\"Acme\"}" },
        { "single quotes", "{'name':'Acme'}" },
        { "nested 10,000 deep", new string('[', 10_000) + new string(']', 10_000) },
        { "number too large", "{\"variants\": [1e400], \"names\": [{\"name\": 1e400}], \"name\": 1e400}" },
        { "duplicate property", "{\"name\":\"Acme\",\"name\":\"Other\",\"names\":[{\"name\":\"A\"}],\"names\":[],\"role\":\"reader\",\"role\":\"admin\",\"variants\":[1],\"variants\":[2]}" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_json_answers_400_with_problem_details_on_every_endpoint(string what, string body)
    {
        foreach (var (path, role, _) in await BodyEndpointsAsync())
        {
            var response = await Service.ClientFor(role).PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what} to {path}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(text).RootElement;
            Assert.Equal(400, problem.GetProperty("status").GetInt32());
            Assert.Contains(problem.GetProperty("code").GetString(), new[] { "invalid_json", "missing_name", "invalid_request", "invalid_split" });
        }
    }

    [Fact]
    public async Task Invalid_utf8_in_a_json_body_answers_400()
    {
        // The bad bytes sit in a field each endpoint reads (unknown fields are skipped unread).
        byte[] Bad(string field) => [.. Encoding.UTF8.GetBytes("\"" + field + "\":\"Ac"), 0xFF, 0xC0, 0x80, .. "me\""u8];
        byte[] bad = [.. "{\"names\":[{"u8, .. Bad("name"), .. "}],"u8, .. Bad("name"), (byte)',', .. Bad("role"), (byte)',', .. Bad("reason"), .. ",\"variants\":[1]}"u8];
        foreach (var (path, role, _) in await BodyEndpointsAsync())
        {
            var content = new ByteArrayContent(bad);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            await (await Service.ClientFor(role).PostAsync(path, content)).AssertProblemAsync(400, "invalid_json");
        }
    }

    [Fact]
    public async Task Unknown_fields_and_query_parameters_are_ignored_everywhere()
    {
        foreach (var (path, role, body) in await BodyEndpointsAsync())
        {
            // The keys endpoint creates a key per call: both calls must succeed alike, the rest must answer the same.
            var client = Service.ClientFor(role);
            var plain = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            var withUnknown = body[..^1] + ",\"unknownField\":{\"deep\":[1,2,{\"x\":null}]},\"NAMES_EXTRA\":\"y\"}";
            var extra = await client.PostAsync(path, new StringContent(withUnknown, Encoding.UTF8, "application/json"));
            Assert.True(plain.StatusCode == extra.StatusCode, $"{path}: {(int)plain.StatusCode} without unknown fields, {(int)extra.StatusCode} with: {await extra.Content.ReadAsStringAsync()}");
            Assert.True((int)extra.StatusCode < 500);
        }
        var reader = Service.ClientFor(ApiRole.Reader);
        var normalize = await (await reader.PostAsync("/api/v1/normalize", Http.Json(new { names = new[] { new { name = "Unknown Field Probe AG", colour = "blue" } } }))).ReadJsonAsync();
        Assert.Equal("Unknown Field Probe AG", normalize.GetProperty("results")[0].GetProperty("name").GetString());

        string[] gets = ["/api/v1/lookup?name=Acme", "/api/v1/entities/L0000000000000XX", "/api/v1/review", "/api/v1/keys", "/api/v1/health"];
        foreach (var get in gets)
        {
            var role = get.Contains("review") ? ApiRole.Reviewer : get.Contains("keys") ? ApiRole.Admin : ApiRole.Reader;
            var client = Service.ClientFor(role);
            var plain = await client.GetAsync(get);
            var extra = await client.GetAsync(get + (get.Contains('?') ? "&" : "?") + "unknown=1&sql=%27%3B%20DROP%20TABLE%20entities%3B--");
            Assert.True(plain.StatusCode == extra.StatusCode, $"{get}: {(int)plain.StatusCode} vs {(int)extra.StatusCode}");
        }
    }

    /// <summary>Injection strings alone (cleaning trims their leading and trailing punctuation, as it does for any
    /// name: the display name is cleaned, the raw name is kept as sent) and inside names (kept verbatim by cleaning).</summary>
    public static TheoryData<string, bool> InjectionNames() => new()
    {
        { "'; DROP TABLE entities;--", false },
        { "<script>alert(1)</script>", false },
        { "\" OR 1=1 --", false },
        { "Robert'); DROP TABLE Students;--", false },
        { "%' UNION SELECT id, canonical_name FROM entities --", false },
        { "Robert'); DROP TABLE entities;-- Holdings Ltd", true },
        { "Acme <script>alert(1)</script> Industries", false }, // R3 drops markup tags
        { "Acme \" OR 1=1 -- Trading GmbH", false }, // R4 drops a stray double quote
        { "O'Brien'; DELETE FROM variants WHERE 1=1;-- & Sons Ltd", true },
        { "Acme <img src=x onerror=alert(1)> Industries", true },
        { "Acme ${jndi:ldap://x/a} Corp", true },
        { "Acme {{7*7}} Technologies", true },
    };

    [Theory]
    [MemberData(nameof(InjectionNames))]
    public async Task Injection_strings_are_stored_and_answered_verbatim_and_the_registry_stays_intact(string name, bool keptByCleaning)
    {
        var filer = Service.ClientFor(ApiRole.Filer);
        var reader = Service.ClientFor(ApiRole.Reader);
        var bystander = (await (await filer.ResolveAsync(new { name = "Quiet Bystander Optics GmbH", country = "DE" })).ReadJsonAsync()).GetProperty("id").GetString()!;

        var normalized = (await (await reader.PostAsync("/api/v1/normalize", Http.Json(new { names = new[] { new { name, country = "GB" } } }))).ReadJsonAsync())
            .GetProperty("results")[0];
        Assert.Equal(name, normalized.GetProperty("name").GetString()); // the input comes back byte for byte
        var display = normalized.GetProperty("parties")[0].GetProperty("displayName").GetString()!;
        if (keptByCleaning) Assert.Equal(name, display);

        var before = await new RegistryVerifier(Service.Runtime.ReviewStore).VerifyAsync();
        var answer = await (await filer.ResolveAsync(new { name, country = "GB" })).ReadJsonAsync();
        var id = answer.GetProperty("id").GetString()!;
        Assert.Equal(display, answer.GetProperty("parties")[0].GetProperty("displayName").GetString());
        var response = await reader.GetAsync("/api/v1/entities/" + id);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var entity = await response.ReadJsonAsync();
        var items = entity.GetProperty("variants").GetProperty("items").EnumerateArray().ToList();
        var variant = items.SingleOrDefault(v => v.GetProperty("displayName").GetString() == display);
        Assert.True(variant.ValueKind == JsonValueKind.Object, $"'{display}' not stored: variants {string.Join(" | ", items.Select(v => v.GetProperty("displayName").GetString()))}");
        // The raw input comes back byte for byte (ordinal comparison of the decoded UTF-16, so of the UTF-8 sent).
        Assert.Equal(name, variant.GetProperty("rawName").GetString());
        // Resolving it again finds the same entity: what was stored is the name, not something it did.
        Assert.Equal(id, (await (await filer.ResolveAsync(new { name, country = "GB" })).ReadJsonAsync()).GetProperty("id").GetString());

        var lookup = await (await reader.GetAsync("/api/v1/lookup?limit=50&name=" + Uri.EscapeDataString(name))).ReadJsonAsync();
        Assert.DoesNotContain(lookup.GetProperty("parties").EnumerateArray().SelectMany(p => p.GetProperty("candidates").EnumerateArray()),
            c => c.GetProperty("id").GetString() == bystander);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/entities/" + bystander)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Service.CreateClient().GetAsync("/api/v1/health")).StatusCode);
        var verification = await new RegistryVerifier(Service.Runtime.ReviewStore).VerifyAsync();
        Assert.True(verification.Ok, string.Join("; ", verification.Problems));
        Assert.True(verification.Entities >= before.Entities && verification.Variants >= before.Variants, "rows were lost"); // no table dropped or emptied
    }

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task Injection_strings_come_back_as_raw_names_from_postgres_too()
    {
        await using var service = await ServiceFactory.CreatePostgresAsync();
        var filer = service.ClientFor(ApiRole.Filer);
        var reader = service.ClientFor(ApiRole.Reader);
        string[] names = ["'; DROP TABLE entities;--", "<script>alert(1)</script>", "\" OR 1=1 --", "Robert'); DROP TABLE Students;--"];
        foreach (var name in names)
        {
            var id = (await (await filer.ResolveAsync(new { name, country = "GB" })).ReadJsonAsync()).GetProperty("id").GetString()!;
            var entity = await (await reader.GetAsync("/api/v1/entities/" + id)).ReadJsonAsync();
            Assert.Contains(name, entity.GetProperty("variants").GetProperty("items").EnumerateArray().Select(v => v.GetProperty("rawName").GetString()));
        }
        var verification = await new RegistryVerifier(service.Runtime.ReviewStore).VerifyAsync();
        Assert.True(verification.Ok, string.Join("; ", verification.Problems));
        Assert.Equal(names.Length, verification.Variants);
    }

    /// <summary>A body whose length is not known in advance (sent chunked): the limit must hold without Content-Length.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
