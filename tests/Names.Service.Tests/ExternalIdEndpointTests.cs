using System.Net;
using Names.Resolver.Service;
using Names.Resolver.Storage;

namespace Names.Service.Tests;

/// <summary>GET /api/v1/entities?scheme=&amp;value= and the externalIds of an entity.</summary>
public sealed class ExternalIdEndpointTests(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    private ServiceFactory Service => fixture.Factory;
    private const string Lei = "HWUPKR0MPOU8FGXBT394";

    [Fact]
    public async Task An_lei_finds_the_entity_holding_it_which_lists_its_external_ids()
    {
        var id = (await (await Service.ClientFor(ApiRole.Filer).ResolveAsync(new { name = "Pomarine Orchards Inc", country = "US" })).ReadJsonAsync()).GetProperty("id").GetString()!;
        var batch = new RegistryBatch();
        batch.ExternalIds.Add(new ExternalIdLink("lei", Lei, id, "gleif.csv", "ACTIVE/ISSUED", DateTimeOffset.UtcNow));
        await Service.Runtime.ReviewStore.ApplyAsync(batch);

        var reader = Service.ClientFor(ApiRole.Reader);
        var response = await reader.GetAsync($"/api/v1/entities?scheme=lei&value={Lei.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entity = await response.ReadJsonAsync();
        Assert.Equal(id, entity.GetProperty("id").GetString());
        var external = Assert.Single(entity.GetProperty("externalIds").EnumerateArray());
        Assert.Equal(("lei", Lei, "ACTIVE/ISSUED"), (external.GetProperty("scheme").GetString(), external.GetProperty("value").GetString(), external.GetProperty("status").GetString()));
        var byId = await (await reader.GetAsync($"/api/v1/entities/{id}")).ReadJsonAsync();
        Assert.Equal(Lei, byId.GetProperty("externalIds")[0].GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("scheme=lei&value=HWUPKR0MPOU8FGXBT349", 400, "wrong check digits")]
    [InlineData("scheme=orcid&value=0000-0002-1825-0098", 400, "wrong check character")]
    [InlineData("scheme=duns&value=1", 400, "unknown identifier scheme")]
    [InlineData("scheme=lei", 400, "scheme=lei&value=")]
    [InlineData("scheme=lei&value=5493001KJTIIGC8Y1R12", 404, "No entity holds lei:5493001KJTIIGC8Y1R12")]
    public async Task An_invalid_value_answers_400_with_its_reason_and_an_unknown_one_404(string query, int status, string detail)
    {
        var response = await Service.ClientFor(ApiRole.Reader).GetAsync("/api/v1/entities?" + query);
        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
        Assert.Equal(status == 400 ? "invalid_external_id" : "entity_not_found", problem.GetProperty("code").GetString());
    }
}
