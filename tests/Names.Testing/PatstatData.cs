namespace Names.Testing;

/// <summary>dedupe-patstat-nl: raw applicant names (person_name) with KU Leuven ids, joined with the co-applicant and class context.</summary>
public sealed record PatstatRow(string PersonId, string Name, string LeuvenId, string Coauthor, string Classes)
{
    public static IReadOnlyList<PatstatRow> Load()
    {
        var dir = Path.Combine(CsvFile.DatasetsRoot, "dedupe-patstat-nl");
        var context = CsvFile.Read(Path.Combine(dir, "patstat_input.csv")).ToDictionary(r => r["person_id"]);
        return CsvFile.Read(Path.Combine(dir, "patstat_reference.csv"))
            .Select(r => new PatstatRow(r["person_id"], r["person_name"], r["leuven_id"], context[r["person_id"]]["Coauthor"], context[r["person_id"]]["Class"]))
            .ToList();
    }
}
