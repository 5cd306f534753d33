using System.Text;
using Names.Host.Cleaning;
using Names.Host.Cli;
using Names.Normalization;

namespace Names.Host.Tests;

/// <summary>`clean` writes a repeated input from its cache of recent outputs: the file and the summary must be exactly
/// what normalising every row gives.</summary>
public class RepeatedNameCacheTests
{
    private static readonly string[] Names =
    [
        "Acme GmbH", "SMITH, JOHN; DOE, JANE", "Siemens Aktiengesellschaft", "", "株式会社テスト", "Иванов Иван",
        "Dr. Hans Müller", "Robert Bosch GmbH and Siemens AG", "삼성전자 주식회사", "!!!", new string('x', 3000) + " GmbH",
    ];

    [Theory]
    [InlineData(1)] // every new input swaps generations: copy-forward and eviction on every row
    [InlineData(3)]
    [InlineData(65_536)]
    public async Task Output_and_summary_are_those_of_a_run_without_the_cache(int entriesPerGeneration)
    {
        using var dir = new TempDir();
        var csv = new StringBuilder("id,name,country,kind\n");
        var random = new Random(7);
        for (var i = 0; i < 600; i++)
        {
            var name = Names[random.Next(Names.Length)];
            // same name with another country or kind, or none, must not be answered from the cache of the other
            var country = random.Next(3) switch { 0 => "DE", 1 => "JP", _ => "" };
            var kind = random.Next(3) switch { 0 => "person", 1 => "legal_entity", _ => "" };
            csv.Append(i).Append(",\"").Append(name).Append("\",").Append(country).Append(',').Append(kind).Append('\n');
        }
        var input = dir.Write("in.csv", csv.ToString());

        var normalizer = await NameNormalizer.CreateDefaultAsync(CancellationToken.None);
        var plain = await CleanAsync(dir, input, "plain.csv", normalizer, new CleanPipelineSettings { RepeatedNames = 0, BatchSize = 16 });
        var cached = await CleanAsync(dir, input, "cached.csv", normalizer, new CleanPipelineSettings { RepeatedNames = entriesPerGeneration, BatchSize = 16 });

        Assert.Equal(File.ReadAllText(dir.File("plain.csv")), File.ReadAllText(dir.File("cached.csv")));
        Assert.Equal(Summary(plain), Summary(cached));
        Assert.Contains("legal forms", plain);
    }

    [Fact]
    public async Task A_missing_country_column_and_an_empty_country_are_different_inputs()
    {
        // country null (no column) vs "" (column, empty value) reach the normaliser as different inputs; one process,
        // one cache per run, so check the cache keys them apart directly
        var cache = new RepeatedNameCache(16);
        var batch = new CleanBatch(4);
        var withColumn = new CleanRecord(2, "Acme GmbH", "", null, 0, 0, 0);
        var without = new CleanRecord(3, "Acme GmbH", null, null, 0, 0, 0);
        var columns = ",1,ACME GMBH,legal_entity\n"u8;
        cache.TryWrite(withColumn, batch, out var hash); // a miss: gives the hash Add takes
        cache.Add(withColumn, hash, columns, [new CachedParty(EntityKind.LegalEntity, "GMBH", false, columns.Length, 0)]);

        Assert.False(cache.TryWrite(without, batch, out _));
        Assert.True(cache.TryWrite(withColumn, batch, out _));
        Assert.Equal(",1,ACME GMBH,legal_entity\n", Encoding.UTF8.GetString(batch.Output.WrittenSpan));
        Assert.Equal(1, batch.Statistics.LegalEntities);
        Assert.Equal(1, batch.Statistics.LegalForms["GMBH"]);
    }

    private static async Task<string> CleanAsync(TempDir dir, string input, string output, NameNormalizer normalizer, CleanPipelineSettings settings)
    {
        var error = new StringWriter();
        var console = new CliConsole
        {
            OpenStdin = () => Stream.Null, OpenStdout = () => Stream.Null, Out = TextWriter.Null, Error = error, ErrorIsTerminal = false,
        };
        var code = await CleanCommand.RunAsync(console,
            new CleanCommand.CleanRequest(input, "name", "country", "kind", dir.File(output), dir.File(output + ".rejects.csv")),
            CancellationToken.None, normalizer, settings);
        Assert.Equal(CliExitCodes.Done, code);
        return error.ToString();
    }

    /// <summary>The summary without its timing lines.</summary>
    private static string Summary(string stderr) =>
        string.Join('\n', stderr.Split('\n').Where(l => !l.Contains("time", StringComparison.Ordinal) && !l.Contains("/s", StringComparison.Ordinal)));
}
