using System.Text;
using System.Text.RegularExpressions;
using Names.Host.Csv;

namespace Names.Host.Tests;

/// <summary>
/// Every file of tests/corpus/broken-csv (expectations in its expected.csv) and a few generated 10 MB lines run
/// through `names clean` and `names resolve`: the exit code and message expected for the file's problem, or rejects
/// naming the lines expected; never a stack trace, never a hang; output rows and rejected lines cover every input
/// line exactly once (each readable record carries its physical line number in its first column); after `resolve` the
/// registry verifies clean.
/// </summary>
public class BrokenCsvCorpusTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    internal static readonly string CorpusDir = Path.Combine(RepoRoot(), "tests", "corpus", "broken-csv");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in CsvRows.Read(Path.Combine(CorpusDir, "expected.csv")))
            foreach (var command in new[] { "clean", "resolve" })
                data.Add(row["file"], command);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Corpus_file_gives_a_clear_message_or_rejects_with_line_numbers(string file, string command)
    {
        var expected = CsvRows.Read(Path.Combine(CorpusDir, "expected.csv")).Single(r => r["file"] == file);
        using var dir = new TempDir();
        await RunAndCheckAsync(dir, command, Path.Combine(CorpusDir, file),
            int.Parse(expected["exit"]), expected["stderr"], Lines(expected["rejected_lines"]));
    }

    /// <summary>10 MB lines are generated, not committed: one unquoted, one whose quote never closes, one ended by a lone CR.</summary>
    public static TheoryData<string, string> LongLines() => new()
    {
        { "unquoted", "clean" }, { "unquoted", "resolve" },
        { "unclosed-quote", "clean" }, { "unclosed-quote", "resolve" },
        { "cr-ended", "clean" },
    };

    [Theory]
    [MemberData(nameof(LongLines))]
    public async Task Ten_megabyte_line_is_rejected_alone_and_reading_goes_on(string shape, string command)
    {
        using var dir = new TempDir();
        var huge = new string(shape == "unclosed-quote" ? 'B' : 'A', 10 * 1024 * 1024);
        var content = shape switch
        {
            "unquoted" => $"id,name,country\n2,ACME GMBH,DE\n3,{huge},DE\n4,BETA LTD,GB\n",
            "unclosed-quote" => $"id,name,country\n2,ACME GMBH,DE\n3,\"{huge},DE\n4,BETA LTD,GB\n",
            _ => $"id,name,country\r2,ACME GMBH,DE\r3,{huge},DE\r4,BETA LTD,GB\r",
        };
        var input = dir.Write("ten-mb.csv", content);
        await RunAndCheckAsync(dir, command, input, 0, "", [3]);
        var reject = File.ReadLines(dir.File("rejects.csv")).Skip(1).Single();
        Assert.StartsWith("3,line longer than 1048576 characters,", reject);
        Assert.True(reject.Length < 11_000, "the rejected raw text is cut");
    }

    /// <summary>The in-process runs share the test host; a few of the worst files also go through the real executable,
    /// whose output must be the same bytes.</summary>
    [Theory]
    [InlineData("mixed-line-endings.csv")]
    [InlineData("invalid-utf8.csv")]
    [InlineData("hostile-names.csv")]
    public async Task Real_process_gives_the_same_output_as_the_in_process_run(string file)
    {
        using var dir = new TempDir();
        var input = Path.Combine(CorpusDir, file);
        var inProcess = await CliRun.RunAsync("clean", input, "--out", dir.File("a.csv"), "--rejects", dir.File("a.rejects.csv"));
        var real = await NamesProcess.RunAsync(RunTimeout, "clean", input, "--out", dir.File("b.csv"), "--rejects", dir.File("b.rejects.csv"));
        Assert.True(real.ExitCode == 0, real.Stderr);
        Assert.DoesNotMatch(new Regex(@"^\s+at \S+", RegexOptions.Multiline), real.Stderr);
        Assert.Equal(inProcess.ExitCode, real.ExitCode);
        Assert.Equal(File.ReadAllBytes(dir.File("a.csv")), File.ReadAllBytes(dir.File("b.csv")));
        Assert.Equal(File.Exists(dir.File("a.rejects.csv")), File.Exists(dir.File("b.rejects.csv")));
        if (File.Exists(dir.File("a.rejects.csv"))) Assert.Equal(File.ReadAllBytes(dir.File("a.rejects.csv")), File.ReadAllBytes(dir.File("b.rejects.csv")));
    }

    private static async Task RunAndCheckAsync(TempDir dir, string command, string input, int exit, string message, IReadOnlyList<long> rejectedLines)
    {
        var output = dir.File("out.csv");
        var rejects = dir.File("rejects.csv");
        string[] args = command == "resolve"
            ? ["resolve", input, "--out", output, "--rejects", rejects, "--db", dir.File("registry.db"), "--seed", "1"]
            : ["clean", input, "--out", output, "--rejects", rejects];
        // The command runs on the pool so that a hang in synchronous code is caught by the timeout too.
        var run = await Task.Run(() => CliRun.RunAsync(args)).WaitAsync(RunTimeout);

        Assert.DoesNotMatch(new Regex(@"^\s+at \S+", RegexOptions.Multiline), run.Stderr);
        Assert.DoesNotContain("Unhandled exception", run.Stderr);
        Assert.True(exit == run.ExitCode, $"exit {run.ExitCode}, expected {exit}; stderr:\n{run.Stderr}");
        if (message.Length > 0) Assert.Contains(message, run.Stderr);
        if (exit != 0) return;

        var outputLines = OutputRecordLines(output);
        var rejectLines = File.Exists(rejects) ? RejectedLines(rejects) : [];
        if (command == "clean") Assert.Equal(rejectedLines, rejectLines);
        else Assert.All(rejectedLines, l => Assert.Contains(l, rejectLines)); // resolve also rejects names with no usable party

        // Output records (each with the lines its quoted line breaks span) and rejected lines tile lines 2..last.
        var covered = outputLines.SelectMany(r => Enumerable.Range(0, r.Span).Select(i => r.Line + i)).Concat(rejectLines).Order().ToList();
        var physical = PhysicalLines(File.ReadAllBytes(input));
        Assert.Equal(Enumerable.Range(2, Math.Max(0, physical - 1)).Select(l => (long)l), covered);
        Assert.Matches($@"rows\s+{outputLines.Count + rejectLines.Count} = ", run.Stderr);
        if (command == "resolve")
        {
            var verify = await CliRun.RunAsync("verify", "--db", dir.File("registry.db"));
            Assert.True(verify.ExitCode == 0, $"names verify after resolving {Path.GetFileName(input)}: {verify.Stdout}{verify.Stderr}");
        }
    }

    /// <summary>Distinct input records of an output file: the line in their first column and the physical lines they span.</summary>
    private static List<(long Line, int Span)> OutputRecordLines(string path)
    {
        using var reader = new CsvRecordReader(CsvCharSource.Open(File.OpenRead(path)));
        var header = reader.ReadHeader()!;
        var inputColumns = Array.IndexOf(header, "party_seq");
        var seen = new Dictionary<long, int>();
        while (reader.ReadNext(header.Length, out var record, out var reject) is var kind && kind != CsvReadKind.End)
        {
            Assert.True(kind == CsvReadKind.Record, $"output line {reject.Line} unreadable: {reject.Reason}");
            var line = long.Parse(record.Fields[0]);
            seen[line] = 1 + record.Fields.Take(inputColumns).Sum(f => f.Count(c => c == '\n'));
        }
        return seen.Select(kv => (kv.Key, kv.Value)).ToList();
    }

    private static List<long> RejectedLines(string path) =>
        CsvRows.Read(path).Select(r => long.Parse(r["line"])).Order().ToList();

    /// <summary>Physical lines as the reader counts them: LF, CRLF and a lone CR end a line; a last line without an end counts.</summary>
    private static int PhysicalLines(byte[] bytes)
    {
        var text = bytes switch
        {
            [0xFF, 0xFE, ..] => Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2),
            [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2),
            _ => Encoding.Latin1.GetString(bytes), // line ends are ASCII in UTF-8 and Windows-1252 alike
        };
        var lines = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))) lines++;
        }
        if (text.Length > 0 && text[^1] is not ('\n' or '\r')) lines++;
        return lines;
    }

    private static long[] Lines(string list) =>
        list.Length == 0 ? [] : list.Split(';').Select(long.Parse).ToArray();

    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Names.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
