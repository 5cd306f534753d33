using System.Net;
using System.Text.Json;
using Names.Host.Authorities;
using Names.Resolver.Service;

namespace Names.Service.Tests;

/// <summary>POST /api/v1/resolve with externalIds: the holder answers with score 1, holders of different LEIs stay apart, a contradiction goes to review.</summary>
public sealed class ResolveExternalIdTests(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    private ServiceFactory Service => fixture.Factory;

    private static async Task<JsonElement> ResolveAsync(HttpClient client, string name, string lei)
    {
        var response = await client.ResolveAsync(new { name, country = "DE", externalIds = new Dictionary<string, string> { ["lei"] = lei } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static string Party(JsonElement answer, string field) => answer.GetProperty("parties")[0].GetProperty(field).ToString();

    [Fact]
    public async Task An_invalid_identifier_answers_400_with_its_reason()
    {
        var response = await Service.ClientFor(ApiRole.Filer).ResolveAsync(new { name = "Quellbach Pumpen GmbH", externalIds = new { lei = "HWUPKR0MPOU8FGXBT349" } });
        var problem = await response.AssertProblemAsync(400, "invalid_external_id");
        Assert.Contains("wrong check digits", problem.GetProperty("detail").GetString());
        var unknown = await Service.ClientFor(ApiRole.Filer).ResolveAsync(new { name = "Quellbach Pumpen GmbH", externalIds = new { duns = "1" } });
        await unknown.AssertProblemAsync(400, "invalid_external_id");
    }

    [Fact]
    public async Task The_holder_answers_with_score_1_another_LEI_and_a_contradicting_name_go_to_review()
    {
        var filer = Service.ClientFor(ApiRole.Filer);
        string l1 = GleifSampleWriter.Lei(91001), l2 = GleifSampleWriter.Lei(91002);
        var first = await ResolveAsync(filer, "Quellbach Pumpen GmbH", l1);
        var id = first.GetProperty("id").GetString()!;
        var holder = await (await Service.ClientFor(ApiRole.Reader).GetAsync($"/api/v1/entities?scheme=lei&value={l1}")).ReadJsonAsync();
        Assert.Equal(id, holder.GetProperty("id").GetString());

        var variant = await ResolveAsync(filer, "Quellbach Pumpen", l1);
        Assert.Equal((id, "matched", "1", "same LEI"), (variant.GetProperty("id").GetString()!, Party(variant, "resolution"), Party(variant, "score"), Party(variant, "explanation")));

        var otherLei = await ResolveAsync(filer, "Quellbach Pumpen GmbH", l2);
        Assert.NotEqual(id, otherLei.GetProperty("id").GetString());
        Assert.Equal(("review", id), (Party(otherLei, "resolution"), Party(otherLei, "proposedWith")));
        var second = await (await Service.ClientFor(ApiRole.Reader).GetAsync($"/api/v1/entities?scheme=lei&value={l2}")).ReadJsonAsync();
        Assert.Equal(otherLei.GetProperty("id").GetString(), second.GetProperty("id").GetString());

        var contradiction = await ResolveAsync(filer, "Nordlicht Reederei KG", l1);
        Assert.NotEqual(id, contradiction.GetProperty("id").GetString());
        Assert.Equal(("review", id), (Party(contradiction, "resolution"), Party(contradiction, "proposedWith")));
        Assert.Contains("same LEI as " + id, Party(contradiction, "explanation"));
    }
}

/// <summary>Exactly once: two entities holding different LEIs stay apart under 50 concurrent resolves of names that would otherwise match.</summary>
public sealed class ConcurrentExternalIdResolveTests
{
    private const int Requests = 50;

    private static async Task AssertApartAsync(ServiceFactory service)
    {
        var filer = service.ClientFor(ApiRole.Filer);
        var reader = service.ClientFor(ApiRole.Reader);
        string la = GleifSampleWriter.Lei(92001), lb = GleifSampleWriter.Lei(92002);
        var names = new[] { "Sturmfeder Werkzeuge GmbH", "Sturmfeder Werkzeuge", "STURMFEDER WERKZEUGE G.M.B.H." };
        var tasks = Enumerable.Range(0, Requests).Select(async i =>
        {
            var lei = i % 2 == 0 ? la : lb;
            var response = await filer.ResolveAsync(new { name = names[i % names.Length], country = "DE", externalIds = new { lei } });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (Lei: lei, Answer: await response.ReadJsonAsync());
        }).ToList();
        var answers = await Task.WhenAll(tasks);

        async Task<string> HolderAsync(string lei) =>
            (await (await reader.GetAsync($"/api/v1/entities?scheme=lei&value={lei}")).ReadJsonAsync()).GetProperty("id").GetString()!;
        var (a, b) = (await HolderAsync(la), await HolderAsync(lb));
        Assert.NotEqual(a, b);
        // Each answer names the holder of its LEI, or a new entity put to review with it: never the other holder.
        foreach (var (lei, answer) in answers)
        {
            var id = answer.GetProperty("id").GetString();
            Assert.NotEqual(lei == la ? b : a, id);
        }
        foreach (var id in new[] { a, b })
        {
            var entity = await (await reader.GetAsync("/api/v1/entities/" + id)).ReadJsonAsync();
            Assert.Equal("active", entity.GetProperty("status").GetString());
            Assert.Single(entity.GetProperty("externalIds").EnumerateArray());
        }
    }

    [Fact]
    public async Task Two_entities_with_different_LEIs_stay_apart_under_50_concurrent_resolves_on_sqlite()
    {
        await using var service = await ServiceFactory.CreateSqliteAsync();
        await AssertApartAsync(service);
    }

    [PostgresFact, Trait("Category", "Postgres")]
    public async Task Two_entities_with_different_LEIs_stay_apart_under_50_concurrent_resolves_on_postgres()
    {
        await using var service = await ServiceFactory.CreatePostgresAsync();
        await AssertApartAsync(service);
    }
}
