using System.Diagnostics;
using Xunit.Abstractions;
using Names.Resolver.Storage.Sqlite;
using Names.Resolver.Resolution;
using Names.Resolver.Storage;

namespace Names.Host.Tests;

/// <summary>
/// Crash safety of `names resolve` (issue 6): a real process is killed with SIGKILL at seeded random moments (start-up,
/// EM on the input, resolving, committing, writing the output) and run again with the same arguments, several times in a
/// row. After every kill the registry verifies clean and holds a prefix of what an uninterrupted run writes; the run that
/// finishes gives the uninterrupted run's output, ids and event log exactly.
/// </summary>
public sealed class ResolveKillTests(ITestOutputHelper log)
{
    private static readonly string Dataset = Path.Combine(RepoRoot(), "datasets", "dedupe-patstat-nl", "patstat_joined.csv");
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Names.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>
    /// The first 1,000 rows of dedupe-patstat-nl (no line breaks inside its fields) with their co-applicants and classes as
    /// context: the run estimates its model by EM and folds clusters per chunk, the most state a resume has to rebuild.
    /// </summary>
    private static void WriteInput(TempDir dir) => File.WriteAllLines(dir.File("in.csv"), File.ReadLines(Dataset).Take(1001));

    private static string[] Args(TempDir dir, string db, string output) =>
        ["resolve", dir.File("in.csv"), "--column", "person_name", "--id-column", "person_id", "--context-columns", "Coauthor,Class",
         "--db", dir.File(db), "--out", dir.File(output), "--batch-size", "10", "--seed", "9"];

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_run_killed_at_random_moments_and_run_again_ends_exactly_as_an_uninterrupted_run()
    {
        using var dir = new TempDir();
        WriteInput(dir);
        var clock = Stopwatch.StartNew();
        CliRunResult reference;
        TimeSpan resolvingStarts;
        using (var run = NamesProcess.Start(Args(dir, "ref.db", "ref.csv")))
        {
            resolvingStarts = await WaitForResolvingAsync(run, dir.File("ref.csv"), clock);
            reference = await run.WaitAsync(RunLimit);
        }
        var (total, resolving) = (clock.Elapsed, clock.Elapsed - resolvingStarts);
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        var expected = await RegistrySnapshot.ReadAsync(dir.File("ref.db"));
        var expectedOutput = File.ReadAllText(dir.File("ref.csv"));
        Assert.True(expected.Events.Count > 100, $"{expected.Events.Count} events");

        var random = new Random(20261121);
        const int sequences = 6, killsPerSequence = 4;
        var resumable = 0;
        for (int s = 0; s < sequences; s++)
        {
            var db = $"s{s}.db";
            var output = $"s{s}.csv";
            // Once a killed run has finished before its kill landed, the runs after it are plain re-runs of a finished run.
            var finishedEarlier = false;
            for (int k = 0; k < killsPerSequence; k++)
            {
                // Kill 0 of a sequence lands before resolving begins (start-up, EM on the input, saving the model, loading the registry);
                // kills 1 and 2 just after the run commits a new batch (0-30 ms later: replaying, the next chunk, the next
                // commit); kill 3 while rows are resolved and committed, from the moment the output file is opened to the end.
                var committedBefore = (await ReadCheckpointAsync(dir.File(db))) is { Complete: false } c ? c.Batches : 0;
                var window = k switch { 0 => resolvingStarts, 3 => resolving, _ => TimeSpan.FromMilliseconds(30) };
                var offset = TimeSpan.FromMilliseconds(random.NextDouble() * window.TotalMilliseconds);
                using (var run = NamesProcess.Start(Args(dir, db, output)))
                {
                    // Start-up time varies with the machine's load: kill 0 lands at the latest when resolving begins.
                    if (k == 0) await Task.WhenAny(Task.Delay(offset), WaitForResolvingAsync(run, dir.File(output), Stopwatch.StartNew()));
                    if (k == 3) await WaitForResolvingAsync(run, dir.File(output), Stopwatch.StartNew());
                    if (k is 1 or 2) await WaitForCommitAsync(run, dir.File(db), committedBefore);
                    if (k != 0) await Task.Delay(offset);
                    await run.KillAsync();
                }
                if (await AssertConsistentPrefixAsync(dir.File(db), expected, $"sequence {s}, kill {k} at {offset.TotalMilliseconds:F0} ms")) resumable++;
                var left = await ReadCheckpointAsync(dir.File(db));
                log.WriteLine($"sequence {s} kill {k} (+{offset.TotalMilliseconds:F0} ms): {(left is null ? "no checkpoint" : $"{left.RowsCommitted} rows in {left.Batches} batches, complete {left.Complete}")}");
                if (!finishedEarlier && File.Exists(dir.File(output)))
                {
                    finishedEarlier = true;
                    Assert.Equal(expectedOutput, File.ReadAllText(dir.File(output)));
                }
            }

            var final = await NamesProcess.RunAsync(RunLimit, Args(dir, db, output));
            Assert.True(final.ExitCode == 0, final.Stderr);
            var actual = await RegistrySnapshot.ReadAsync(dir.File(db));
            Assert.Equal(expected.Events, actual.Events);
            Assert.Equal(expected.Entities, actual.Entities);
            Assert.Equal(expected.Variants, actual.Variants);
            Assert.Equal(expected.Proposals, actual.Proposals);
            if (finishedEarlier)
                // A finished run was repeated: same ids row by row, nothing new (known variants).
                Assert.Equal(IdsPerRow(dir.File("ref.csv")), IdsPerRow(dir.File(output)));
            else
                Assert.Equal(expectedOutput, File.ReadAllText(dir.File(output)));
            Assert.False(File.Exists(dir.File(output) + ".partial"));
            Assert.Equal(0, (await CliRun.RunAsync("verify", "--db", dir.File(db))).ExitCode);
        }
        // Kills that landed between a commit and the end of the run (the others hit start-up, EM, or a finished run).
        log.WriteLine($"{sequences * killsPerSequence} kills, {resumable} left committed batches to resume; reference run {total.TotalSeconds:F1} s " +
                      $"({resolving.TotalSeconds:F1} s resolving); test {clock.Elapsed.TotalSeconds:F0} s");
        Assert.True(resumable >= 8, $"only {resumable} of {sequences * killsPerSequence} kills left a run to resume");
    }

    [Fact]
    public async Task Ctrl_c_stops_after_a_committed_batch_with_exit_130_and_the_next_run_resumes_it()
    {
        using var dir = new TempDir();
        WriteInput(dir);
        Assert.Equal(0, (await NamesProcess.RunAsync(RunLimit, Args(dir, "ref.db", "ref.csv"))).ExitCode);

        foreach (var signal in new[] { "INT", "TERM" })
        {
            var db = $"{signal}.db";
            var output = $"{signal}.csv";
            using (var run = NamesProcess.Start(Args(dir, db, output)))
            {
                // The output file is opened once the model is chosen and the registry loaded: resolving has begun.
                var started = Stopwatch.StartNew();
                while (!File.Exists(dir.File(output) + ".partial") && !run.HasExited && started.Elapsed < RunLimit) await Task.Delay(10);
                await run.SignalAsync(signal);
                var stopped = await run.WaitAsync(RunLimit);
                if (stopped.ExitCode == 0) continue; // finished before the signal landed: nothing to resume
                Assert.True(stopped.ExitCode == 130, stopped.Stderr);
                Assert.Contains("names resolve: stopped on request after a committed batch", stopped.Stderr);
                Assert.Contains("Run the same command again to resume", stopped.Stderr);
            }
            Assert.False(File.Exists(dir.File(output)));
            Assert.False(File.Exists(dir.File(output) + ".partial"));
            Assert.Equal(0, (await CliRun.RunAsync("verify", "--db", dir.File(db))).ExitCode);

            var resumed = await NamesProcess.RunAsync(RunLimit, Args(dir, db, output));
            Assert.True(resumed.ExitCode == 0, resumed.Stderr);
            Assert.Contains("resumed     from row", resumed.Stderr);
            Assert.Equal(File.ReadAllText(dir.File("ref.csv")), File.ReadAllText(dir.File(output)));
            var expected = await RegistrySnapshot.ReadAsync(dir.File("ref.db"));
            Assert.Equal(expected.Events, (await RegistrySnapshot.ReadAsync(dir.File(db))).Events);
        }
    }

    /// <summary>
    /// Waits until the run opens its output file (model chosen, registry loaded; a killed run's stale <c>.partial</c> does
    /// not count); returns when that happened on <paramref name="clock"/>.
    /// </summary>
    private static async Task<TimeSpan> WaitForResolvingAsync(NamesProcess run, string output, Stopwatch clock)
    {
        var started = DateTime.UtcNow.AddMilliseconds(-clock.Elapsed.TotalMilliseconds);
        bool Opened(string path) => File.Exists(path) && File.GetLastWriteTimeUtc(path) >= started;
        while (!Opened(output + ".partial") && !Opened(output) && !run.HasExited && clock.Elapsed < RunLimit) await Task.Delay(5);
        return clock.Elapsed;
    }

    /// <summary>Waits until the run commits a batch beyond <paramref name="batches"/> (or ends).</summary>
    private static async Task WaitForCommitAsync(NamesProcess run, string db, int batches)
    {
        var clock = Stopwatch.StartNew();
        while (!run.HasExited && clock.Elapsed < RunLimit)
        {
            if (await ReadCheckpointAsync(db) is { Complete: false } c && c.Batches > batches) return;
            await Task.Delay(5);
        }
    }

    /// <summary>The run checkpoint a registry holds, read without writing (the registry may be in use by the run).</summary>
    private static async Task<RunCheckpoint?> ReadCheckpointAsync(string db)
    {
        if (!File.Exists(db)) return null;
        try
        {
            await using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT value FROM meta WHERE key = $k";
            cmd.Parameters.AddWithValue("$k", RunCheckpoint.MetaKey);
            return RunCheckpoint.Parse(await cmd.ExecuteScalarAsync() as string);
        }
        catch (Microsoft.Data.Sqlite.SqliteException) { return null; } // not created or migrated yet
    }

    /// <summary>
    /// After a kill: `names verify` is clean, and what is committed is a prefix of the uninterrupted run's writes. True when
    /// the registry holds an unfinished run with committed rows (the next run resumes it).
    /// </summary>
    private static async Task<bool> AssertConsistentPrefixAsync(string db, RegistrySnapshot expected, string when)
    {
        if (!File.Exists(db)) return false; // killed before the registry was created
        var verify = await CliRun.RunAsync("verify", "--db", db);
        Assert.True(verify.ExitCode == 0, $"{when}: {verify.Stdout}{verify.Stderr}");
        var actual = await RegistrySnapshot.ReadAsync(db);
        Assert.True(actual.Events.Count <= expected.Events.Count, when);
        Assert.Equal(expected.Events.Take(actual.Events.Count), actual.Events);
        foreach (var (id, entity) in actual.Entities)
            Assert.True(expected.Entities.TryGetValue(id, out var e) && e == entity, $"{when}: entity {id} is not one the uninterrupted run has");
        foreach (var (key, entity) in actual.Variants)
            Assert.True(expected.Variants.TryGetValue(key, out var e) && e == entity, $"{when}: variant {key} is not the uninterrupted run's");
        return actual.Checkpoint is { Complete: false, RowsCommitted: > 0 };
    }

    private static List<string> IdsPerRow(string path) =>
        CsvRows.Read(path).Select(r => $"{r["person_id"]}/{r["party_seq"]}/{r["global_id"]}").ToList();

    /// <summary>A registry's content that must not depend on interruptions (times and storage ids left out).</summary>
    private sealed record RegistrySnapshot(
        List<string> Events, SortedDictionary<string, string> Entities, SortedDictionary<string, string> Variants, List<string> Proposals,
        RunCheckpoint? Checkpoint)
    {
        public static async Task<RegistrySnapshot> ReadAsync(string path)
        {
            await using var store = await SqliteRegistryStore.OpenAsync(path);
            var events = new List<string>();
            await foreach (var e in store.ReadEventsAsync(null)) events.Add($"{e.Type} {e.EntityId} {e.OtherId} {e.Actor} {e.Detail}");
            var entities = new SortedDictionary<string, string>(StringComparer.Ordinal);
            await foreach (var e in store.ReadEntitiesAsync()) entities[e.Id] = $"{e.Kind} {e.CanonicalName} {e.Status} {e.SurvivorId}";
            var variants = new SortedDictionary<string, string>(StringComparer.Ordinal);
            await foreach (var v in store.ReadVariantsAsync())
                Assert.True(variants.TryAdd($"{v.Kind}|{v.NameKey}|{v.Country}", $"{v.Id} {v.EntityId} {v.SourceRow} {v.Features}"), $"variant {v.NameKey} stored twice");
            var proposals = (await store.GetProposalsAsync(null)).Select(p => $"{p.EntityA} {p.EntityB} {p.Score} {p.Status} {p.Explanation}").Order(StringComparer.Ordinal).ToList();
            return new RegistrySnapshot(events, entities, variants, proposals, RunCheckpoint.Parse(await store.GetMetaAsync(RunCheckpoint.MetaKey)));
        }
    }
}
