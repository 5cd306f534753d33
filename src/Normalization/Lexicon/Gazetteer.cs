namespace Names.Normalization.Lexicon;

/// <summary>One place name of the gazetteer: whether it names a city, a region or a country, and the countries it is in
/// (CAMBRIDGE is in GB and US; GEORGIA is a country and a US state).</summary>
internal sealed record Place(bool City, bool Region, bool Country, string[] Countries)
{
    /// <summary>The country code when the name points to one country only, else empty.</summary>
    public string OneCountry => Countries.Length == 1 ? Countries[0] : "";
}

/// <summary>R20: places that end an affiliation field (lists/gazetteer.tsv: name, city|region|country, country code).</summary>
internal static class Gazetteer
{
    public static PhraseSet<Place> Load(string path)
    {
        var rows = new List<(string Name, string Type, string Country)>();
        int line = 0;
        foreach (var f in EmbeddedDataFile.ReadTsv(path))
        {
            line++;
            if (f.Length < 3 || f[1].Trim() is not ("city" or "region" or "country") || f[2].Trim().Length != 2)
                throw new InvalidOperationException($"Normalisation data file '{path}': entry {line} is not 'name<TAB>city|region|country<TAB>XX': '{string.Join('\t', f)}'.");
            rows.Add((string.Join(' ', Phrase<Place>.TokensOf(f[0].Trim())), f[1].Trim(), f[2].Trim()));
        }
        return new PhraseSet<Place>(rows.GroupBy(r => r.Name, StringComparer.Ordinal).Select(g => new Phrase<Place>(
            g.Key.Split(' '),
            new Place(g.Any(r => r.Type == "city"), g.Any(r => r.Type == "region"), g.Any(r => r.Type == "country"),
                g.Select(r => r.Country).Distinct().Order(StringComparer.Ordinal).ToArray()))));
    }
}
