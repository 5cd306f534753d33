using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Names.Normalization;
using Names.Normalization.Tests;
using Names.Resolver.Registry;
using Names.Resolver.Service;
using Xunit.Abstractions;

namespace Names.Service.Tests;

/// <summary>
/// The API under generated hostile names (the normaliser fuzz generator): 100,000 names through POST
/// /api/v1/normalize in batches, a few thousand through lookup and resolve. Every answer is 200 (201) or an RFC 9457
/// problem with a 4xx status, never a 5xx; accepted names come back byte for byte; the registry verifies clean after.
/// </summary>
public sealed class ApiFuzzTests(SqliteServiceFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteServiceFixture>
{
    private const int NormalizedNames = 100_000;
    private const int BatchSize = 500;
    private const int Workers = 4;

    private ServiceFactory Service => fixture.Factory;

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Hundred_thousand_generated_names_through_normalize_answer_200_or_a_problem_never_500()
    {
        var generator = new HostileNameGenerator(6);
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        long accepted = 0, next = 0;
        // Names the service refuses one by one (blank, too long) go alone, so that a batch is not refused for one name.
        var batches = new BlockingCollection<List<NameInput>>(boundedCapacity: Workers * 2);
        var singles = new List<NameInput>();
        var producer = Task.Run(() =>
        {
            while (Interlocked.Read(ref accepted) + (long)batches.Count * BatchSize < NormalizedNames && next < 3 * NormalizedNames)
            {
                var batch = new List<NameInput>(BatchSize);
                while (batch.Count < BatchSize)
                {
                    var input = generator.Next((int)next++);
                    if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > Service.Settings.MaxNameLength) singles.Add(input);
                    else batch.Add(input);
                }
                batches.Add(batch);
            }
            batches.CompleteAdding();
        });
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            var client = Service.ClientFor(ApiRole.Reader);
            foreach (var batch in batches.GetConsumingEnumerable())
            {
                var status = await NormalizeAsync(client, batch);
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status == 200) Interlocked.Add(ref accepted, batch.Count);
            }
        })));
        await producer;
        var reader = Service.ClientFor(ApiRole.Reader);
        foreach (var single in singles.Take(300))
        {
            var status = await NormalizeAsync(reader, [single]);
            Assert.Equal(400, status);
            statuses.AddOrUpdate(-400, 1, (_, n) => n + 1);
        }
        output.WriteLine($"{accepted:N0} names normalised in 200 answers, {next:N0} generated, in {clock.Elapsed.TotalSeconds:F1} s; " +
                         $"answers by status (batches; -400 = refused single names): {string.Join(", ", statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value}"))}");
        Assert.True(accepted >= NormalizedNames, $"only {accepted} names were accepted");
    }

    /// <summary>Posts one batch and checks the answer; returns its status.</summary>
    private static async Task<int> NormalizeAsync(HttpClient client, List<NameInput> batch)
    {
        var body = JsonSerializer.Serialize(new
        {
            names = batch.Select(n => new { name = n.Name, country = n.Country, kind = n.KindHint, familyName = n.FamilyName, givenNames = n.GivenNames }),
        });
        var response = await client.PostAsync("/api/v1/normalize", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        if (status != 200)
        {
            AssertProblem(response, text, $"batch starting '{HostileNameGenerator.Escape(batch[0].Name ?? "")[..Math.Min(60, (batch[0].Name ?? "").Length)]}'");
            return status;
        }
        var results = JsonDocument.Parse(text).RootElement.GetProperty("results");
        Assert.Equal(batch.Count, results.GetArrayLength());
        for (var i = 0; i < batch.Count; i++)
        {
            var name = batch[i].Name!;
            // A lone surrogate has no UTF-8 form: it travels as U+FFFD. Every other name comes back as it was sent.
            var expected = HasLoneSurrogate(name) ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(name)) : name;
            Assert.Equal(expected, results[i].GetProperty("name").GetString());
            Assert.True(results[i].GetProperty("parties").GetArrayLength() > 0);
        }
        return status;
    }

    [Fact]
    public async Task Thousands_of_generated_names_through_lookup_and_resolve_answer_200_or_a_problem_and_the_registry_verifies()
    {
        var generator = new HostileNameGenerator(1966);
        var statuses = new ConcurrentDictionary<string, int>();
        var reader = Service.ClientFor(ApiRole.Reader);
        var filer = Service.ClientFor(ApiRole.Filer);
        var minted = new ConcurrentBag<(string Id, string Name)>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < 3000; i += Workers)
            {
                NameInput input;
                lock (generator) input = generator.Next(i);
                var name = input.Name ?? "";
                var lookup = await reader.GetAsync("/api/v1/lookup?limit=5&name=" + PercentEncode(name) + (input.Country is null ? "" : "&country=" + PercentEncode(input.Country))
                                                   + (i % 10 == 0 ? "&kind=%FF%FE%ED%A0%80" : ""));
                await CountAsync(statuses, "lookup", lookup);
                if (i % 3 != 0) continue;
                var resolve = await filer.ResolveAsync(new { name = input.Name, country = input.Country, kind = input.KindHint, familyName = input.FamilyName, givenNames = input.GivenNames, source = "fuzz" });
                var text = await CountAsync(statuses, "resolve", resolve);
                if (resolve.StatusCode == HttpStatusCode.OK && i % 9 == 0)
                    minted.Add((JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!, name));
            }
        })));
        foreach (var (id, name) in minted)
        {
            var entity = await reader.GetAsync("/api/v1/entities/" + id);
            Assert.True(entity.StatusCode == HttpStatusCode.OK, $"entity {id} of '{HostileNameGenerator.Escape(name)}': {(int)entity.StatusCode}");
        }
        output.WriteLine($"3,000 lookups and 1,000 resolves in {clock.Elapsed.TotalSeconds:F1} s; answers: {string.Join(", ", statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value}"))}");
        var verification = await new RegistryVerifier(Service.Runtime.ReviewStore).VerifyAsync();
        Assert.True(verification.Ok, string.Join("; ", verification.Problems));
        Assert.True(statuses.GetValueOrDefault("resolve 200") > 500, "most generated names resolve");
    }

    private static async Task<string> CountAsync(ConcurrentDictionary<string, int> statuses, string what, HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        statuses.AddOrUpdate($"{what} {(int)response.StatusCode}", 1, (_, n) => n + 1);
        if (response.StatusCode != HttpStatusCode.OK) AssertProblem(response, text, what);
        return text;
    }

    private static void AssertProblem(HttpResponseMessage response, string text, string what)
    {
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{what}: {status} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("code").GetString()));
    }

    /// <summary>Percent-encodes the UTF-8 bytes of a string (a lone surrogate becomes U+FFFD's bytes, as a browser sends it).</summary>
    private static string PercentEncode(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
            sb.Append(b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~'
                ? ((char)b).ToString() : $"%{b:X2}");
        return sb.ToString();
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            if (char.IsSurrogate(s[i])) return true;
        }
        return false;
    }
}
