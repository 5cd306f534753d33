using System.Net.Http.Json;
using System.Text.Json;
using Names.Testing;

namespace Names.Review.Tests;

/// <summary>
/// A registry prepared the way analysts get one: `names resolve` of review-scenario.csv (names crafted so that the
/// resolver is unsure about four pairs), then a real `names serve` process on it and a reviewer key made through
/// the admin API.
/// </summary>
public sealed class ReviewSite : IAsyncLifetime
{
    public const string Input = "review-scenario.csv";
    private readonly string _directory = Directory.CreateTempSubdirectory("names-review-site-").FullName;
    private ServeProcess? _serve;

    public string DbPath => Path.Combine(_directory, "names.db");
    public string InputPath => Path.Combine(AppContext.BaseDirectory, Input);
    public ServeProcess Serve => _serve ?? throw new InvalidOperationException("not started");
    public string ReviewerName => "analyst-ana";
    public string ReviewerKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var (code, _, stderr) = await ResolveAsync();
        Assert.True(code == 0, "names resolve failed: " + stderr);
        _serve = await ServeProcess.StartAsync("--db", DbPath);
        var created = await Serve.Client(Serve.FirstAdminKey!).PostAsJsonAsync("/api/v1/keys", new { name = ReviewerName, role = "reviewer" });
        created.EnsureSuccessStatusCode();
        ReviewerKey = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    /// <summary>`names resolve` of the scenario input on the site's registry (again: same input, same registry).</summary>
    public Task<CliRunResult> ResolveAsync() =>
        NamesProcess.RunAsync("resolve", InputPath, "--id-column", "id", "--country-column", "country", "--db", DbPath,
            "--out", Path.Combine(_directory, $"resolved-{Guid.NewGuid():N}.csv"));

    /// <summary>The pending proposals as the JSON API lists them (id, entityA, entityB).</summary>
    public async Task<IReadOnlyList<(long Id, string A, string B)>> PendingAsync()
    {
        var page = await Serve.Client(ReviewerKey).GetFromJsonAsync<JsonElement>("/api/v1/review?limit=200");
        return page.GetProperty("items").EnumerateArray()
            .Select(p => (p.GetProperty("id").GetInt64(), p.GetProperty("entityA").GetString()!, p.GetProperty("entityB").GetString()!)).ToList();
    }

    public async Task DisposeAsync()
    {
        if (_serve is not null) await _serve.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
