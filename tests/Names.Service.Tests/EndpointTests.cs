using Names.Resolver.Storage.Sqlite;
using Names.Testing;
using System.Net;
using System.Text.Json;
using Names.Resolver.Identifiers;
using Names.Resolver.Service;
using Names.Resolver.Storage;

namespace Names.Service.Tests;

/// <summary>Every endpoint through the in-memory service on SQLite: answers, error bodies, idempotency, limits.</summary>
public sealed class EndpointTests(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    private ServiceFactory Service => fixture.Factory;

    [Fact]
    public async Task Health_needs_no_key_and_reports_the_store()
    {
        var response = await Service.ClientFor(null).GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal("sqlite", body.GetProperty("store").GetString());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_versioned_endpoints()
    {
        var response = await Service.ClientFor(null).GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.ReadJsonAsync()).GetProperty("paths");
        foreach (var path in new[] { "/api/v1/health", "/api/v1/normalize", "/api/v1/lookup", "/api/v1/resolve", "/api/v1/entities/{id}", "/api/v1/entities/{id}/history", "/api/v1/metrics", "/api/v1/review", "/api/v1/entities/{id}/split" })
            Assert.True(paths.TryGetProperty(path, out _), path + " missing from the OpenAPI document");
    }

    [Fact]
    public async Task Normalize_cleans_each_name_of_a_batch_in_camel_case_json()
    {
        var response = await Service.ClientFor(ApiRole.Reader).PostAsync("/api/v1/normalize",
            Http.Json(new { names = new object[] { new { name = "Koninklijke Philips N.V.", country = "NL" }, new { name = "SMITH, John", kind = "person" } } }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.ReadJsonAsync()).GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        var philips = results[0].GetProperty("parties")[0];
        Assert.Equal("legal_entity", philips.GetProperty("kind").GetString());
        Assert.Equal("N.V.", philips.GetProperty("legalForm").GetString());
        Assert.Equal("KONINKLIJKE PHILIPS", philips.GetProperty("nameKey").GetString());
        var smith = results[1].GetProperty("parties")[0];
        Assert.Equal("person", smith.GetProperty("kind").GetString());
        Assert.Equal("SMITH", smith.GetProperty("familyName").GetString()!.ToUpperInvariant());
    }

    [Fact]
    public async Task Resolve_mints_once_then_matches_and_lookup_explains_the_candidate()
    {
        var filer = Service.ClientFor(ApiRole.Filer);
        var first = await (await filer.ResolveAsync(new { name = "Zwartevaart Hydraulics B.V.", country = "NL", source = "filing-42" })).ReadJsonAsync();
        Assert.Equal("new", first.GetProperty("resolution").GetString());
        var id = first.GetProperty("id").GetString()!;
        Assert.True(GlobalId.IsValid(id));
        Assert.StartsWith("L", id);

        var again = await (await filer.ResolveAsync(new { name = "ZWARTEVAART HYDRAULICS BV", country = "NL" })).ReadJsonAsync();
        Assert.Equal("matched", again.GetProperty("resolution").GetString());
        Assert.Equal(id, again.GetProperty("id").GetString());

        var lookup = await Service.ClientFor(ApiRole.Reader).GetAsync("/api/v1/lookup?name=" + Uri.EscapeDataString("Zwartevaart Hydraulics") + "&country=NL&limit=5");
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        var party = (await lookup.ReadJsonAsync()).GetProperty("parties")[0];
        Assert.Equal("ZWARTEVAART HYDRAULICS", party.GetProperty("party").GetProperty("nameKey").GetString());
        var best = party.GetProperty("candidates")[0];
        Assert.Equal(id, best.GetProperty("id").GetString());
        Assert.Equal("Zwartevaart Hydraulics B.V.", best.GetProperty("canonicalName").GetString());
        Assert.Equal("legal_entity", best.GetProperty("kind").GetString());
        Assert.InRange(best.GetProperty("score").GetDouble(), 0.9, 1.0);
        var features = best.GetProperty("explanation").GetProperty("features");
        Assert.True(features.GetArrayLength() > 0);
        Assert.Contains(features.EnumerateArray(), f => f.GetProperty("feature").GetString() == "name_similarity" && f.GetProperty("weight").GetDouble() > 0);
    }

    [Fact]
    public async Task Lookup_of_a_name_already_in_the_registry_answers_its_entity_first_with_certainty()
    {
        var id = (await (await Service.ClientFor(ApiRole.Filer).ResolveAsync(new { name = "Brightwater Valves S.p.A.", country = "IT" })).ReadJsonAsync()).GetProperty("id").GetString();
        var body = await (await Service.ClientFor(ApiRole.Reader).GetAsync("/api/v1/lookup?name=" + Uri.EscapeDataString("Brightwater Valves S.p.A.") + "&country=IT")).ReadJsonAsync();
        var best = body.GetProperty("parties")[0].GetProperty("candidates")[0];
        Assert.Equal(id, best.GetProperty("id").GetString());
        Assert.Equal(1.0, best.GetProperty("score").GetDouble());
        Assert.Equal("match", best.GetProperty("decision").GetString());
        Assert.StartsWith("known variant", best.GetProperty("explanation").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Lookup_writes_nothing()
    {
        var reader = Service.ClientFor(ApiRole.Reader);
        var body = await (await reader.GetAsync("/api/v1/lookup?name=Quillbrook%20Ventures%20Ltd&country=GB")).ReadJsonAsync();
        // Other tests' names may come up as weak candidates (the index also finds names by shared words); this one must not.
        Assert.DoesNotContain(body.GetProperty("parties")[0].GetProperty("candidates").EnumerateArray(),
            c => c.GetProperty("canonicalName").GetString()!.Contains("Quillbrook", StringComparison.OrdinalIgnoreCase));
        var resolved = await (await Service.ClientFor(ApiRole.Filer).ResolveAsync(new { name = "Quillbrook Ventures Ltd", country = "GB" })).ReadJsonAsync();
        Assert.Equal("new", resolved.GetProperty("resolution").GetString());
    }

    [Fact]
    public async Task Entity_answers_variants_kind_status_and_history_with_paging()
    {
        var filer = Service.ClientFor(ApiRole.Filer);
        var id = (await (await filer.ResolveAsync(new { name = "Oberkirchner Feinmechanik GmbH", country = "DE" })).ReadJsonAsync()).GetProperty("id").GetString();
        await filer.ResolveAsync(new { name = "Oberkirchner Feinmechanik GmbH", country = "AT" }); // same name, another country: a second variant
        var reader = Service.ClientFor(ApiRole.Reader);
        var entity = await (await reader.GetAsync($"/api/v1/entities/{id}?limit=1")).ReadJsonAsync();
        Assert.Equal(id, entity.GetProperty("id").GetString());
        Assert.False(entity.GetProperty("absorbed").GetBoolean());
        Assert.Equal("legal_entity", entity.GetProperty("kind").GetString());
        Assert.Equal("active", entity.GetProperty("status").GetString());
        var variants = entity.GetProperty("variants");
        Assert.Equal(2, variants.GetProperty("total").GetInt64());
        Assert.Equal(1, variants.GetProperty("items").GetArrayLength());
        Assert.Equal(1, variants.GetProperty("limit").GetInt32());
        var second = await (await reader.GetAsync($"/api/v1/entities/{id}?offset=1&limit=1")).ReadJsonAsync();
        Assert.NotEqual(variants.GetProperty("items")[0].GetProperty("id").GetInt64(), second.GetProperty("variants").GetProperty("items")[0].GetProperty("id").GetInt64());

        var history = await (await reader.GetAsync($"/api/v1/entities/{id}/history")).ReadJsonAsync();
        var types = history.GetProperty("events").GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal("minted", types[0]);
        Assert.Equal(2, types.Count(t => t == "variant_linked"));
        Assert.All(history.GetProperty("events").GetProperty("items").EnumerateArray(), e => Assert.StartsWith("api:test-filer", e.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task An_absorbed_id_answers_with_its_survivor_and_says_so()
    {
        var filer = Service.ClientFor(ApiRole.Filer);
        var a = (await (await filer.ResolveAsync(new { name = "Vellamo Paperworks Oy", country = "FI" })).ReadJsonAsync()).GetProperty("id").GetString()!;
        var b = (await (await filer.ResolveAsync(new { name = "Kestrel Optronics AB", country = "SE" })).ReadJsonAsync()).GetProperty("id").GetString()!;
        await using (var store = await SqliteRegistryStore.OpenAsync(Service.Settings.DbPath))
            await ReviewedMerge.MergeAsync(store, a, b, "analyst");
        var reader = Service.ClientFor(ApiRole.Reader);
        var entity = await (await reader.GetAsync($"/api/v1/entities/{b}")).ReadJsonAsync();
        Assert.Equal(a, entity.GetProperty("id").GetString());
        Assert.Equal(b, entity.GetProperty("requestedId").GetString());
        Assert.True(entity.GetProperty("absorbed").GetBoolean());
        Assert.Equal(2, entity.GetProperty("variants").GetProperty("total").GetInt64());
        var history = await (await reader.GetAsync($"/api/v1/entities/{b}/history")).ReadJsonAsync();
        Assert.Contains(history.GetProperty("events").GetProperty("items").EnumerateArray(),
            e => e.GetProperty("type").GetString() == "merged" && e.GetProperty("otherId").GetString() == b);
        // A retry of the absorbed party's name resolves to the survivor.
        var again = await (await filer.ResolveAsync(new { name = "Kestrel Optronics AB", country = "SE" })).ReadJsonAsync();
        Assert.Equal(a, again.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Entity_errors_are_problems_with_stable_codes()
    {
        var reader = Service.ClientFor(ApiRole.Reader);
        await (await reader.GetAsync("/api/v1/entities/not-an-id")).AssertProblemAsync(400, "invalid_id");
        await (await reader.GetAsync($"/api/v1/entities/{new IdMinter(99999).Mint('L')}")).AssertProblemAsync(404, "entity_not_found");
        var id = (await (await Service.ClientFor(ApiRole.Filer).ResolveAsync(new { name = "Pagination Probe Ltd" })).ReadJsonAsync()).GetProperty("id").GetString();
        await (await reader.GetAsync($"/api/v1/entities/{id}?limit=0")).AssertProblemAsync(400, "invalid_pagination");
        await (await reader.GetAsync($"/api/v1/entities/{id}/history?offset=-1")).AssertProblemAsync(400, "invalid_pagination");
        await (await reader.GetAsync("/api/v1/no-such-thing")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Idempotency_key_returns_the_first_answer_and_refuses_another_request()
    {
        var filer = Service.ClientFor(ApiRole.Filer);
        var key = Guid.NewGuid().ToString();
        var first = await filer.ResolveAsync(new { name = "Idempotent Anvil Works Inc", country = "US" }, key);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal("new", JsonDocument.Parse(firstBody).RootElement.GetProperty("resolution").GetString());
        var retry = await filer.ResolveAsync(new { name = "Idempotent Anvil Works Inc", country = "US" }, key);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync()); // "new" again, not "matched"
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        var without = await (await filer.ResolveAsync(new { name = "Idempotent Anvil Works Inc", country = "US" })).ReadJsonAsync();
        Assert.Equal("matched", without.GetProperty("resolution").GetString());
        await (await filer.ResolveAsync(new { name = "Something Else Entirely Corp" }, key)).AssertProblemAsync(422, "idempotency_key_reused");
        await (await filer.ResolveAsync(new { name = "X" }, new string('k', 201))).AssertProblemAsync(400, "invalid_idempotency_key");
    }

    [Fact]
    public async Task Request_limits_answer_problems()
    {
        var reader = Service.ClientFor(ApiRole.Reader);
        var settings = Service.Settings;
        var tooMany = Enumerable.Range(0, settings.MaxNamesPerBatch + 1).Select(i => new { name = "Name " + i }).ToArray();
        await (await reader.PostAsync("/api/v1/normalize", Http.Json(new { names = tooMany }))).AssertProblemAsync(400, "too_many_names");
        await (await reader.PostAsync("/api/v1/normalize", Http.Json(new { names = new[] { new { name = new string('A', settings.MaxNameLength + 1) } } })))
            .AssertProblemAsync(400, "name_too_long");
        await (await reader.GetAsync("/api/v1/lookup?name=" + new string('B', settings.MaxNameLength + 1))).AssertProblemAsync(400, "name_too_long");
        var huge = new { names = new[] { new { name = "x", country = new string('C', (int)settings.MaxBodyBytes) } } };
        await (await reader.PostAsync("/api/v1/normalize", Http.Json(huge))).AssertProblemAsync(413, "body_too_large");
        await (await reader.PostAsync("/api/v1/normalize", new StringContent("{\"names\": [", System.Text.Encoding.UTF8, "application/json"))).AssertProblemAsync(400, "invalid_json");
        await (await reader.PostAsync("/api/v1/normalize", new StringContent("names=x", System.Text.Encoding.UTF8, "text/plain"))).AssertProblemAsync(415, "unsupported_media_type");
        await (await reader.PostAsync("/api/v1/normalize", Http.Json(new { names = Array.Empty<object>() }))).AssertProblemAsync(400, "missing_name");
        await (await reader.GetAsync("/api/v1/lookup")).AssertProblemAsync(400, "missing_name");
        await (await reader.GetAsync("/api/v1/lookup?name=x&limit=1000")).AssertProblemAsync(400, "invalid_limit");
        await (await Service.ClientFor(ApiRole.Filer).ResolveAsync(new { country = "NL" })).AssertProblemAsync(400, "missing_name");
        await (await Service.ClientFor(ApiRole.Filer).ResolveAsync(new { name = "!!! ???" })).AssertProblemAsync(422, "unusable_name");
    }

    [Fact]
    public async Task Names_that_look_like_sql_or_script_are_just_names()
    {
        var filer = Service.ClientFor(ApiRole.Filer);
        var sql = "Robert'); DROP TABLE entities;-- Holdings Ltd";
        var script = "<script>alert(1)</script> Industries";
        var a = await (await filer.ResolveAsync(new { name = sql, country = "GB" })).ReadJsonAsync();
        var b = await (await filer.ResolveAsync(new { name = script })).ReadJsonAsync();
        Assert.Equal("new", a.GetProperty("resolution").GetString());
        var reader = Service.ClientFor(ApiRole.Reader);
        var entity = await (await reader.GetAsync("/api/v1/entities/" + a.GetProperty("id").GetString())).ReadJsonAsync();
        Assert.Equal(sql, entity.GetProperty("canonicalName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/entities/" + b.GetProperty("id").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/lookup?name=" + Uri.EscapeDataString("' OR 1=1 --"))).StatusCode);
        Assert.Equal("matched", (await (await filer.ResolveAsync(new { name = sql, country = "GB" })).ReadJsonAsync()).GetProperty("resolution").GetString());
    }

    [Fact]
    public async Task Metrics_count_requests_and_time_them_in_prometheus_text()
    {
        var reader = Service.ClientFor(ApiRole.Reader);
        await reader.GetAsync("/api/v1/lookup?name=Metrics%20Probe%20AG");
        await reader.GetAsync("/api/v1/lookup?name=Metrics%20Probe%20AG");
        var response = await reader.GetAsync("/api/v1/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var line = text.Split('\n').Single(l => l.StartsWith("names_http_requests_total{method=\"GET\",route=\"/api/v1/lookup\",status=\"200\"}"));
        Assert.True(long.Parse(line.Split(' ')[1]) >= 2);
        Assert.Contains("# TYPE names_http_request_duration_seconds histogram", text);
        Assert.Contains("names_http_request_duration_seconds_bucket{route=\"/api/v1/lookup\",le=\"+Inf\"}", text);
        Assert.Contains("names_http_request_duration_seconds_count{route=\"/api/v1/lookup\"}", text);
        // The time the process has spent compiling code (benchmarks show it apart from the lookups' own cost).
        var jit = text.Split('\n').Single(l => l.StartsWith("names_jit_compilation_seconds_total ", StringComparison.Ordinal));
        Assert.True(double.Parse(jit.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Admin_creates_keys_that_work_and_are_listed_without_the_secret()
    {
        var admin = Service.ClientFor(ApiRole.Admin);
        var created = await admin.PostAsync("/api/v1/keys", Http.Json(new { name = "filing-system-7", role = "filer" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        var key = body.GetProperty("key").GetString()!;
        var client = Service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await client.ResolveAsync(new { name = "Key Probe Holdings" })).StatusCode);
        await (await client.GetAsync("/api/v1/keys")).AssertProblemAsync(403, "forbidden");

        var list = await (await admin.GetAsync("/api/v1/keys?limit=200")).ReadJsonAsync();
        var text = list.ToString();
        Assert.DoesNotContain(key, text);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), k => k.GetProperty("name").GetString() == "filing-system-7" && k.GetProperty("role").GetString() == "filer");
        await (await admin.PostAsync("/api/v1/keys", Http.Json(new { name = "x", role = "superuser" }))).AssertProblemAsync(400, "invalid_role");
    }

    [Fact]
    public async Task Keys_are_stored_hashed_and_the_first_admin_key_is_made_once()
    {
        var created = await Service.Runtime.Keys.AddKeyAsync("hash-probe", ApiRole.Reader);
        Assert.Equal(ApiKeySecret.Hash(created.Key), created.Record.KeyHash);
        Assert.NotNull(await Service.Runtime.Keys.FindKeyAsync(ApiKeySecret.Hash(created.Key)));
        var bytes = await File.ReadAllBytesAsync(Service.Settings.DbPath);
        Assert.Equal(-1, System.Text.Encoding.UTF8.GetString(bytes).IndexOf(created.Key, StringComparison.Ordinal));
        Assert.Null(await Service.Runtime.Keys.CreateFirstAdminKeyAsync()); // keys exist already
    }
}
