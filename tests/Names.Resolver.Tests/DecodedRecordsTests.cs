using Names.Resolver.Resolution;
using Names.Resolver.Storage.Sqlite;
using Names.Testing;

namespace Names.Resolver.Tests;

/// <summary>
/// A bulk run keeps only some comparison records decoded (<see cref="ResolutionOptions.DecodedRecords"/>) and decodes
/// the others again from their packed form: that bound must change no decision, context added by later rows included.
/// </summary>
public sealed class DecodedRecordsTests
{
    [Fact]
    public async Task A_run_that_keeps_two_records_decoded_decides_as_one_that_keeps_all()
    {
        var rows = PatstatRow.Load();
        var inputs = rows.Select((r, i) => new ResolveInput(r.Name, Row: i, SourceRecordId: r.PersonId,
            Context: new Dictionary<string, string> { ["coauthor"] = r.Coauthor, ["class"] = r.Classes })).ToList();
        var model = new ModelTrainer().EstimateFellegiSunter(inputs, ["coauthor", "class"]);

        async Task<List<string>> ResolveAsync(int decoded)
        {
            await using var store = await SqliteRegistryStore.OpenAsync(":memory:");
            var engine = await ResolutionEngine.OpenAsync(store, new ResolutionOptions { Seed = 7, DecodedRecords = decoded }, model);
            var results = await engine.ResolveAllAsync(inputs);
            return results.Select(r => $"{r.Input.Row} {r.GlobalId} {r.Resolution} {r.MatchScore} {r.Explanation}").ToList();
        }

        var all = await ResolveAsync(1_000_000);
        var two = await ResolveAsync(2);
        Assert.True(all.Select(r => r.Split(' ')[1]).Distinct().Count() > 100); // many entities, so many records were decoded again
        Assert.Equal(all, two);
    }
}
