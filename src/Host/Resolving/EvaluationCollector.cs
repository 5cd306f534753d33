using Names.Resolver.Comparison;
using Names.Resolver.Evaluation;
using Names.Resolver.Resolution;

namespace Names.Host.Resolving;

/// <summary>
/// Collects, per resolved party, the predicted global id and the truth label of its row. A truth cell holding several
/// labels separated by ';' (multi-party rows, as `names synth` writes them) gives party i the i-th label. Records (for
/// blocking metrics) are kept only when asked: they cost memory a benchmark should not measure. Each party's
/// <see cref="PartySubset"/> is kept too: a row the data set marks as an acronym (<paramref name="acronymMark"/>:
/// a column and a text its cell contains) counts as one, as does a field the normaliser reads as an acronym alone.
/// </summary>
public sealed class EvaluationCollector(int truthColumn, bool collectRecords = true, (int Column, string Text)? acronymMark = null) : IResolvedRowObserver
{
    public List<string> Predicted { get; } = new();
    public List<string> Truth { get; } = new();
    public List<NameRecord> Records { get; } = new();
    public List<PartySubset> Subsets { get; } = new();
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);

    public void Observe(ResolvedParty party, string[] fields)
    {
        var cell = fields[truthColumn];
        var labels = cell.Split(';');
        var label = labels.Length > 1 && party.PartySeq >= 1 && party.PartySeq <= labels.Length ? labels[party.PartySeq - 1] : cell;
        if (label.Length == 0) return; // unlabelled rows do not count
        Predicted.Add(party.GlobalId);
        // One copy of each label: a benchmark of millions of rows would otherwise measure a string per row.
        Truth.Add(_labels.TryGetValue(label, out var known) ? known : _labels[label] = label);
        if (!collectRecords) return;
        Records.Add(NameRecord.FromParty(party.Party, party.Input.Context));
        Subsets.Add(acronymMark is { } m && fields[m.Column].Contains(m.Text, StringComparison.OrdinalIgnoreCase) ? PartySubset.Acronyms : PartySubsets.Of(party.Party));
    }
}
