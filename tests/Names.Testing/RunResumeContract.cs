using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Resolution;
using Names.Resolver.Storage;

namespace Names.Testing;

/// <summary>
/// Resumable runs in the engine (the SIGKILL tests are in Names.Host.Tests): a run stopped after some chunks and resumed
/// by a new engine with the same fingerprint yields exactly what one uninterrupted run yields, and writes the same registry.
/// Subclassed per store (SQLite here, PostgreSQL in Names.Service.Tests).
/// </summary>
public abstract class RunResumeContract
{
    /// <summary>Opens the registry called <paramref name="name"/> (created empty on first use).</summary>
    protected abstract Task<IRegistryStore> OpenAsync(string name);

    /// <summary>1,000 PATSTAT rows with co-applicant and class context (cluster-level folds happen per chunk).</summary>
    private static readonly List<ResolveInput> Rows = PatstatRow.Load().Take(1000).Select((r, i) => new ResolveInput(r.Name,
        Context: new Dictionary<string, string> { ["Coauthor"] = r.Coauthor, ["Class"] = r.Classes }, SourceRecordId: r.PersonId, Row: i + 2)).ToList();

    private static ResolutionOptions Options(string fingerprint) => new() { Seed = 5, ChunkSize = 25, BatchSize = 10, RunFingerprint = fingerprint, SourceFile = "in.csv" };

    private async Task<(List<string> Results, List<string> Events, RunStatistics Stats)> RunAsync(string db, string fingerprint, int stopAfterRows = int.MaxValue)
    {
        await using var store = await OpenAsync(db);
        var engine = await ResolutionEngine.OpenAsync(store, Options(fingerprint));
        using var stop = new CancellationTokenSource();
        var results = new List<string>();
        await foreach (var p in engine.ResolveAsync(Source(), default, stop.Token))
        {
            results.Add($"{p.Input.Row} {p.PartySeq} {p.GlobalId} {p.Resolution} {p.MatchScore} {p.CanonicalName}");
            if (p.Input.Row - 1 >= stopAfterRows) stop.Cancel();
        }
        if (!engine.Statistics.Stopped) await engine.CompleteRunAsync();
        var events = new List<string>();
        await foreach (var e in store.ReadEventsAsync(null)) events.Add($"{e.Type} {e.EntityId} {e.OtherId} {e.Detail}");
        return (results, events, engine.Statistics);
    }

    private static async IAsyncEnumerable<ResolveInput> Source()
    {
        foreach (var r in Rows) yield return r;
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_stopped_run_resumed_by_a_new_engine_gives_the_uninterrupted_results_and_registry()
    {
        var reference = await RunAsync("ref.db", "F");

        var first = await RunAsync("r.db", "F", stopAfterRows: 430);
        Assert.True(first.Stats.Stopped);
        Assert.Equal(450, first.Stats.Rows); // the chunk in progress (rows 426-450) is finished and committed
        var second = await RunAsync("r.db", "F", stopAfterRows: 700);
        Assert.Equal(450, second.Stats.ResumedRows);
        var third = await RunAsync("r.db", "F");
        Assert.Equal(700, third.Stats.ResumedRows);
        Assert.False(third.Stats.Stopped);

        Assert.Equal(reference.Results, third.Results); // the resumed run yields every row again, as decided the first time
        Assert.Equal(reference.Events, third.Events);
        Assert.Equal(reference.Stats.NewEntities, third.Stats.NewEntities);
        Assert.Equal(reference.Stats.ProposalsCreated, third.Stats.ProposalsCreated);

        // Finished: the next run is a plain re-run (known variants, nothing written), not a resume.
        var rerun = await RunAsync("r.db", "F");
        Assert.Equal(0, rerun.Stats.ResumedRows);
        Assert.Equal(reference.Events, rerun.Events);
    }

    [Fact]
    public async Task An_unfinished_run_is_not_resumed_by_another_input_or_after_the_registry_changed()
    {
        await RunAsync("a.db", "F", stopAfterRows: 300);
        var other = await RunAsync("a.db", "G");
        Assert.Equal(0, other.Stats.ResumedRows);
        Assert.Contains("different input or settings", other.Stats.NotResumed);

        await RunAsync("b.db", "F", stopAfterRows: 300);
        await using (var store = await OpenAsync("b.db"))
        {
            var entities = new List<EntityRecord>();
            await foreach (var e in store.ReadEntitiesAsync()) entities.Add(e);
            await store.AddCannotLinkAsync(entities[0].Id, entities[1].Id, "analyst", "checked"); // another writer
        }
        var changed = await RunAsync("b.db", "F");
        Assert.Equal(0, changed.Stats.ResumedRows);
        Assert.Contains("the registry changed since", changed.Stats.NotResumed);
    }
}
