using System.Globalization;
using Microsoft.Data.Sqlite;
using Names.Normalization;
using Names.Resolver.Comparison;
using Names.Resolver.Resolution;
using Names.Resolver.Scoring;
using Names.Resolver.Service;
using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Storage;

namespace Names.Service.Tests;

/// <summary>
/// What a new name gets (<see cref="EntityMatcher"/> and <see cref="RegistryWriter"/>, one decision core for every
/// path), fed scripted candidate scores, on a registry seeded by a bulk run and through both users of the core: link at
/// the upper threshold, the other entity there proposed (unless a cannot-link says otherwise), review between the
/// thresholds, new below, anti-chaining, never a person with a legal entity.
/// </summary>
public sealed class LinkDecisionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("names-decide-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>One scenario: registry entities from seed words (ZORBLAX word BV), scripted scores, the probe, what must happen.</summary>
    private sealed record Scenario(string[] Seeds, (string A, string B, double P)[] Scores, string Probe, string Expected,
        string? ProbeKind = null, (string A, string B)[]? CannotLinks = null);

    private static readonly Dictionary<string, Scenario> Scenarios = new()
    {
        ["link"] = new(["ALPHA", "BRAVO"], [("PROBE", "ALPHA", 0.95), ("PROBE", "BRAVO", 0.3)], "PROBE", "matched ALPHA |"),
        ["link, the other entity at the upper threshold is proposed"] = new(["ALPHA", "BRAVO"],
            [("PROBE", "ALPHA", 0.95), ("PROBE", "BRAVO", 0.92)], "PROBE", "matched ALPHA | ALPHA+BRAVO"),
        ["link, a cannot-link stops the proposal"] = new(["ALPHA", "BRAVO"],
            [("PROBE", "ALPHA", 0.95), ("PROBE", "BRAVO", 0.92)], "PROBE", "matched ALPHA |", CannotLinks: [("ALPHA", "BRAVO")]),
        ["review between the thresholds"] = new(["ALPHA", "BRAVO"], [("PROBE", "ALPHA", 0.7), ("PROBE", "BRAVO", 0.6)], "PROBE", "review ALPHA | ALPHA+NEW"),
        ["new below the lower threshold"] = new(["ALPHA"], [("PROBE", "ALPHA", 0.3)], "PROBE", "new - |"),
        // CHARLIE and CHARLIETWO are one entity; the probe is like one member and clearly unlike the other.
        ["anti-chaining: a dissenting entity between the thresholds is not proposed"] = new(["CHARLIE", "CHARLIETWO"],
            [("CHARLIE", "CHARLIETWO", 0.95), ("PROBE", "CHARLIE", 0.7), ("PROBE", "CHARLIETWO", 0.1)], "PROBE", "new - |"),
        ["anti-chaining: a dissenting entity at the upper threshold is proposed, not linked"] = new(["CHARLIE", "CHARLIETWO"],
            [("CHARLIE", "CHARLIETWO", 0.95), ("PROBE", "CHARLIE", 0.95), ("PROBE", "CHARLIETWO", 0.1)], "PROBE", "review CHARLIE | CHARLIE+NEW"),
        ["a person is never linked to a legal entity"] = new(["ALPHA"], [], "ALPHA", "new - |", ProbeKind: "person"),
    };

    public static TheoryData<string> ScenarioNames => new(Scenarios.Keys);

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task A_new_name_is_linked_proposed_or_minted(string scenario)
    {
        var s = Scenarios[scenario];
        var scorer = new ScriptedScorer(s.Scores);
        // Only the scripted scores decide: no hard rules, no name conflict rules over them.
        var options = new ResolutionOptions { VetoLevels = new Dictionary<string, int[]>(), NameConflictRules = false };
        var seedPath = Path.Combine(_dir, "seed.db");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var store = await SqliteRegistryStore.OpenAsync(seedPath))
        {
            var engine = await ResolutionEngine.OpenAsync(store, options, scorer);
            var seeded = await engine.ResolveAllAsync(s.Seeds.Select((w, i) => new ResolveInput($"ZORBLAX {w} BV", "NL", Row: i + 1)));
            foreach (var (word, row) in s.Seeds.Zip(seeded)) labels.TryAdd(row.GlobalId, word);
            Assert.Equal(s.Seeds.Length, seeded.Count(r => r.Resolution != ResolutionKind.Rejected));
            foreach (var (a, b) in s.CannotLinks ?? [])
                await store.AddCannotLinkAsync(labels.Single(l => l.Value == a).Key, labels.Single(l => l.Value == b).Key, "test", "test");
        }
        SqliteConnection.ClearAllPools();
        var seedProposals = await ProposalIdsAsync(seedPath);
        var bulkPath = Path.Combine(_dir, "bulk.db");
        var onlinePath = Path.Combine(_dir, "online.db");
        File.Copy(seedPath, bulkPath);
        File.Copy(seedPath, onlinePath);
        var probeName = s.ProbeKind == "person" ? $"ZORBLAX {s.Probe}" : $"ZORBLAX {s.Probe} BV";

        string bulk;
        await using (var store = await SqliteRegistryStore.OpenAsync(bulkPath))
        {
            var engine = await ResolutionEngine.OpenAsync(store, options, scorer);
            var r = (await engine.ResolveAllAsync([new ResolveInput(probeName, "NL", s.ProbeKind, Row: 1)])).Single();
            bulk = await DescribeAsync(r.Resolution, r.GlobalId, bulkPath, seedProposals, labels);
        }
        string online;
        using (var normalizer = NameNormalizer.CreateDefault())
        await using (var registry = await SqliteOnlineRegistry.OpenAsync(onlinePath))
        {
            var resolver = await OnlineResolver.CreateAsync(registry, normalizer, options, scorer: scorer);
            var r = (await resolver.ResolveAsync(new NameInput(probeName, "NL", s.ProbeKind), "test", "test")).Single();
            online = await DescribeAsync(r.Resolution, r.GlobalId, onlinePath, seedProposals, labels);
        }
        Assert.Equal(s.Expected, bulk);
        Assert.Equal(s.Expected, online);
    }

    /// <summary>"resolution target | proposals", seed words for existing entities, NEW for the entity the probe minted.</summary>
    private static async Task<string> DescribeAsync(string resolution, string id, string path, HashSet<long> before, Dictionary<string, string> labels)
    {
        string Label(string entity) => labels.TryGetValue(entity, out var w) ? w : entity == id ? "NEW" : "?" + entity;
        var target = resolution == ResolutionKind.New ? "-" : resolution == ResolutionKind.Matched ? Label(id) : null;
        SqliteConnection.ClearAllPools();
        await using var store = await SqliteRegistryStore.OpenAsync(path);
        var added = (await store.GetProposalsAsync(ProposalStatus.Pending)).Where(p => !before.Contains(p.Id))
            .Select(p => string.Join("+", new[] { Label(p.EntityA), Label(p.EntityB) }.Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
        // Review: the existing entity proposed with the new one.
        target ??= added.Select(p => p.Split('+').First(x => x != "NEW")).SingleOrDefault() ?? "?";
        return $"{resolution} {target} | {string.Join(", ", added)}".TrimEnd();
    }

    private static async Task<HashSet<long>> ProposalIdsAsync(string path)
    {
        await using var store = await SqliteRegistryStore.OpenAsync(path);
        var ids = (await store.GetProposalsAsync(null)).Select(p => p.Id).ToHashSet();
        SqliteConnection.ClearAllPools();
        return ids;
    }

    /// <summary>
    /// A pair scorer that answers scripted probabilities for pairs of ZORBLAX words (the same word: 0.99; unlisted: 0),
    /// through one comparison feature whose level is the probability in thousandths.
    /// </summary>
    private sealed class ScriptedScorer((string A, string B, double P)[] scores) : IPairScorer
    {
        public string Kind => "scripted";
        public ComparisonSet Comparisons { get; } = new([new ScriptedFeature(scores)]);
        private IComparisonFeature Feature => Comparisons.Features[0];
        public PairScore Score(IReadOnlyList<int> levels) =>
            new(Probability(levels), 0, [new FeatureContribution(Feature.Name, levels[0], Feature.Levels[levels[0]], 0)]);
        public double Probability(IReadOnlyList<int> levels) => levels[0] / 1000.0;
        public string Serialize() => throw new NotSupportedException("a test scorer is not stored");
    }

    private sealed class ScriptedFeature((string A, string B, double P)[] scores) : IComparisonFeature
    {
        public string Name => "scripted";
        public IReadOnlyList<string> Levels { get; } = Enumerable.Range(0, 1001).Select(i => (i / 1000.0).ToString("0.000", CultureInfo.InvariantCulture)).ToArray();

        public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
        {
            string wa = Word(a), wb = Word(b);
            var p = wa == wb ? 0.99 : scores.FirstOrDefault(s => (s.A == wa && s.B == wb) || (s.A == wb && s.B == wa)).P;
            return (int)Math.Round(p * 1000);
        }

        private static string Word(NameRecord r) => r.Tokens.FirstOrDefault(t => t != "ZORBLAX" && t != "BV") ?? "";
    }
}
