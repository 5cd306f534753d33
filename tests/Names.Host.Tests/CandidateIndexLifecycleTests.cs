namespace Names.Host.Tests;

/// <summary>
/// The candidate index is derived state kept beside a SQLite registry (FILE.index): built when absent, unreadable or of
/// another registry (set aside, never read), caught up on open, each case said in one line; whatever state it is found
/// in, the run resolves exactly as with a freshly built index.
/// </summary>
public sealed class CandidateIndexLifecycleTests
{
    private static readonly string Dataset = Path.Combine(RepoRoot(), "datasets", "dedupe-patstat-nl", "patstat_joined.csv");

    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Names.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>Two inputs: the first 300 rows of dedupe-patstat-nl, then the next 300.</summary>
    private static void WriteInputs(TempDir dir)
    {
        var lines = File.ReadLines(Dataset).Take(601).ToList();
        File.WriteAllLines(dir.File("in1.csv"), lines.Take(301));
        File.WriteAllLines(dir.File("in2.csv"), lines.Take(1).Concat(lines.Skip(301)));
    }

    private static Task<CliRunResult> Resolve(TempDir dir, string input, string db, string output, params string[] more) =>
        CliRun.RunAsync(["resolve", dir.File(input), "--column", "person_name", "--id-column", "person_id", "--db", dir.File(db),
            "--out", dir.File(output), "--seed", "9", .. more]);

    /// <summary>The second input resolved into a registry that holds the first, with its index as it was built.</summary>
    private static async Task<string> ReferenceAsync(TempDir dir)
    {
        Assert.Equal(0, (await Resolve(dir, "in1.csv", "ref.db", "ref1.csv")).ExitCode);
        Assert.Equal(0, (await Resolve(dir, "in2.csv", "ref.db", "ref2.csv")).ExitCode);
        return File.ReadAllText(dir.File("ref2.csv"));
    }

    private static string[] IndexLines(string stderr) =>
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("candidate index")).ToArray();

    [Fact]
    public async Task A_missing_index_is_built_in_one_line_and_an_existing_one_is_caught_up_silently()
    {
        using var dir = new TempDir();
        WriteInputs(dir);
        var first = await Resolve(dir, "in1.csv", "a.db", "a1.csv");
        Assert.Equal(0, first.ExitCode);
        Assert.Single(IndexLines(first.Stderr));
        Assert.Contains("not built yet", first.Stderr);
        Assert.True(Directory.Exists(dir.File("a.db.index")));

        var second = await Resolve(dir, "in2.csv", "a.db", "a2.csv");
        Assert.Equal(0, second.ExitCode);
        Assert.Empty(IndexLines(second.Stderr));
        Assert.Equal(await ReferenceAsync(dir), File.ReadAllText(dir.File("a2.csv")));

    }

    [Fact]
    public async Task An_unreadable_index_is_rebuilt_in_one_line_and_the_run_resolves_as_with_a_sound_one()
    {
        using var dir = new TempDir();
        WriteInputs(dir);
        var expected = await ReferenceAsync(dir);
        Assert.Equal(0, (await Resolve(dir, "in1.csv", "a.db", "a1.csv")).ExitCode);
        foreach (var file in Directory.EnumerateFiles(dir.File("a.db.index"))) File.WriteAllBytes(file, new byte[17]);

        var run = await Resolve(dir, "in2.csv", "a.db", "a2.csv");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("unreadable", Assert.Single(IndexLines(run.Stderr)));
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal(expected, File.ReadAllText(dir.File("a2.csv")));
    }

    [Fact]
    public async Task The_index_of_another_registry_is_set_aside_unread_and_rebuilt()
    {
        using var dir = new TempDir();
        WriteInputs(dir);
        var expected = await ReferenceAsync(dir);
        Assert.Equal(0, (await Resolve(dir, "in1.csv", "a.db", "a1.csv")).ExitCode);
        // Another registry (its own id) with other names: its index must not answer for a.db.
        Assert.Equal(0, (await Resolve(dir, "in2.csv", "other.db", "o.csv")).ExitCode);
        Directory.Delete(dir.File("a.db.index"), recursive: true);
        Directory.Move(dir.File("other.db.index"), dir.File("a.db.index"));
        var otherFiles = Directory.GetFiles(dir.File("a.db.index")).Select(Path.GetFileName).Order().ToList();

        var run = await Resolve(dir, "in2.csv", "a.db", "a2.csv");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("another registry", Assert.Single(IndexLines(run.Stderr)));
        var aside = Assert.Single(Directory.GetDirectories(dir.Path, "a.db.index.other-*"));
        Assert.Equal(otherFiles, Directory.GetFiles(aside).Select(Path.GetFileName).Order().ToList());
        Assert.Equal(expected, File.ReadAllText(dir.File("a2.csv")));
    }

    [Fact]
    public async Task Verify_checks_the_index_and_index_rebuild_restores_it()
    {
        using var dir = new TempDir();
        WriteInputs(dir);
        Assert.Equal(0, (await Resolve(dir, "in1.csv", "a.db", "a1.csv")).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("verify", "--db", dir.File("a.db"))).ExitCode);

        // The index of a copy of this registry that went on to hold more names: ahead of a.db, it disagrees with it.
        File.Copy(dir.File("a.db"), dir.File("b.db"));
        Assert.Equal(0, (await Resolve(dir, "in2.csv", "b.db", "b2.csv")).ExitCode);
        Directory.Delete(dir.File("a.db.index"), recursive: true);
        Directory.Move(dir.File("b.db.index"), dir.File("a.db.index"));
        var ahead = await CliRun.RunAsync("verify", "--db", dir.File("a.db"));
        Assert.Equal(3, ahead.ExitCode);
        Assert.Contains("candidate index: holds", ahead.Stdout);

        var rebuild = await CliRun.RunAsync("index", "rebuild", "--db", dir.File("a.db"));
        Assert.True(rebuild.ExitCode == 0, rebuild.Stderr);
        Assert.Equal(0, (await CliRun.RunAsync("verify", "--db", dir.File("a.db"))).ExitCode);
        Assert.Equal(0, (await Resolve(dir, "in2.csv", "a.db", "a2.csv")).ExitCode);
        Assert.Equal(await ReferenceAsync(dir), File.ReadAllText(dir.File("a2.csv")));
    }

    [Fact]
    public async Task An_index_directory_that_cannot_be_created_exits_1_with_a_message_and_no_stack_trace()
    {
        using var dir = new TempDir();
        WriteInputs(dir);
        dir.Write("plain-file", "not a directory");
        var run = await Resolve(dir, "in1.csv", "a.db", "a1.csv", "--index-dir", Path.Combine(dir.File("plain-file"), "index"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("candidate index directory", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(File.Exists(dir.File("a1.csv")));
    }
}
