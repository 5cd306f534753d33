namespace Names.Resolver.Evaluation;

/// <summary>One labelled name pair of a pair benchmark (nomenklatura-namebench cases.csv: schema, name1, name2, is_match).</summary>
public sealed record PairCase(string Schema, string Name1, string Name2, bool IsMatch)
{
    /// <summary>Reads a cases file with columns schema, name1, name2, is_match (true/false); other columns are ignored.</summary>
    public static async Task<IReadOnlyList<PairCase>> ReadAllAsync(string path, CancellationToken ct = default)
    {
        var records = CsvText.ReadRecords(await File.ReadAllTextAsync(path, ct));
        return records.Select(r => new PairCase(r["schema"], r["name1"], r["name2"], string.Equals(r["is_match"], "true", StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }
}
