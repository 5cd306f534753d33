using Names.Normalization;

namespace Names.Host.Cleaning;

/// <summary>Counts gathered while cleaning: per batch by a worker, then merged by the writer. Not thread-safe.</summary>
public sealed class CleanStatistics
{
    public long Processed { get; private set; }
    public long Parties { get; private set; }
    public long Persons { get; private set; }
    public long LegalEntities { get; private set; }
    public long Unknown { get; private set; }
    public long WithProblem { get; private set; }
    public Dictionary<string, long> LegalForms { get; } = new(StringComparer.Ordinal);
    /// <summary>Output fields that start like a spreadsheet formula, and the input line of the first (0: none).</summary>
    public long FormulaFields { get; private set; }
    public long FirstFormulaLine { get; private set; }

    public void AddRow() => Processed++;

    public void AddParty(EntityKind kind, string legalForm, bool hasProblem)
    {
        Parties++;
        switch (kind)
        {
            case EntityKind.Person: Persons++; break;
            case EntityKind.LegalEntity: LegalEntities++; break;
            default: Unknown++; break;
        }
        if (hasProblem) WithProblem++;
        if (legalForm.Length > 0)
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(LegalForms, legalForm, out _)++;
    }

    public void AddFormulaFields(long count, long line)
    {
        if (count == 0) return;
        FormulaFields += count;
        if (FirstFormulaLine == 0 || line < FirstFormulaLine) FirstFormulaLine = line;
    }

    public void Merge(CleanStatistics other)
    {
        if (other.FormulaFields > 0) AddFormulaFields(other.FormulaFields, other.FirstFormulaLine);
        Processed += other.Processed;
        Parties += other.Parties;
        Persons += other.Persons;
        LegalEntities += other.LegalEntities;
        Unknown += other.Unknown;
        WithProblem += other.WithProblem;
        foreach (var (form, n) in other.LegalForms) LegalForms[form] = LegalForms.GetValueOrDefault(form) + n;
    }

    public IEnumerable<KeyValuePair<string, long>> TopLegalForms(int count) =>
        LegalForms.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(count);
}
