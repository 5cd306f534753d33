using System.Reflection;

namespace Names.Host.Synthesis;

/// <summary>A word in its own script and in Latin letters (the same string for Latin-script countries).</summary>
public sealed record ScriptedWord(string Native, string Latin);

public sealed record SynthCountry(string Code, double Weight, string Script, bool FamilyNameFirst)
{
    public bool IsLatin => Script == "Latin";
}

/// <summary>One legal form of a country with its spellings (first = usual) in the country's script and in Latin.</summary>
public sealed record SynthLegalForm(string Country, string Position, IReadOnlyList<string> Native, IReadOnlyList<string> Latin);

/// <summary>The word lists behind `names synth`, loaded from the embedded Synthesis/Data/*.tsv files (see SOURCE.md).</summary>
public sealed class SynthesisData
{
    public required IReadOnlyList<SynthCountry> Countries { get; init; }
    public required WordTable<ScriptedWord> GivenNames { get; init; }
    public required WordTable<ScriptedWord> FamilyNames { get; init; }
    public required WordTable<ScriptedWord> Stems { get; init; }
    public required WordTable<ScriptedWord> Generics { get; init; }
    public required WordTable<ScriptedWord> Syllables { get; init; }
    public required WordTable<SynthLegalForm> LegalForms { get; init; }
    public required IReadOnlyDictionary<string, string[]> Abbreviations { get; init; }
    public required IReadOnlyList<string> TitlesBefore { get; init; }
    public required IReadOnlyList<string> TitlesAfter { get; init; }
    public required WordTable<ScriptedWord> Institutions { get; init; }
    public required WordTable<ScriptedWord> Cities { get; init; }

    public static SynthesisData LoadEmbedded()
    {
        var countries = Rows("countries.tsv").Select(r => new SynthCountry(r[0],
            double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture), r[2], r[3] == "eastern")).ToList();
        var words = Rows("company-words.tsv")
            .SelectMany(r => r[0].Split(',').Select(c => (Country: c, Role: r[1], Word: Word(r, 2)))).ToList();
        return new SynthesisData
        {
            Countries = countries,
            GivenNames = new(Rows("given-names.tsv").Select(r => (r[0], Word(r, 1)))),
            FamilyNames = new(Rows("family-names.tsv").Select(r => (r[0], Word(r, 1)))),
            Stems = new(words.Where(w => w.Role == "stem").Select(w => (w.Country, w.Word))),
            Generics = new(words.Where(w => w.Role == "generic").Select(w => (w.Country, w.Word))),
            Syllables = new(Rows("syllables.tsv").Select(r => (r[0], Word(r, 1)))),
            LegalForms = new(Rows("legal-forms.tsv").Select(r => new SynthLegalForm(r[0], r[1], r[2].Split('|'),
                (r.Length > 3 && r[3].Length > 0 ? r[3] : r[2]).Split('|'))).Select(f => (f.Country, f))),
            Abbreviations = Rows("abbreviations.tsv").ToDictionary(r => r[0], r => r[1].Split('|'), StringComparer.OrdinalIgnoreCase),
            TitlesBefore = Rows("titles.tsv").Where(r => r[0] == "before").Select(r => r[1]).ToList(),
            TitlesAfter = Rows("titles.tsv").Where(r => r[0] == "after").Select(r => r[1]).ToList(),
            Institutions = new(Rows("institutions.tsv").Select(r => (r[0], Word(r, 1)))),
            Cities = new(Rows("cities.tsv").Select(r => (r[0], Word(r, 1)))),
        };
    }

    private static ScriptedWord Word(string[] r, int i) => new(r[i], r.Length > i + 1 && r[i + 1].Length > 0 ? r[i + 1] : r[i]);

    private static IEnumerable<string[]> Rows(string file)
    {
        var name = $"Names.Host.Synthesis.Data.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded data file {name} is missing");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            rows.Add(line.Split('\t'));
        }
        return rows;
    }
}
