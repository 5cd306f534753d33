using Names.Resolver.Comparison;
using Names.Resolver.Resolution;

namespace Names.Host.Resolving;

/// <summary>
/// Collects, per resolved party, the predicted global id and the truth label of its row. A truth cell holding several
/// labels separated by ';' (multi-party rows, as `names synth` writes them) gives party i the i-th label. Records (for
/// blocking metrics) are kept only when asked: they cost memory a benchmark should not measure.
/// </summary>
public sealed class EvaluationCollector(int truthColumn, bool collectRecords = true) : IResolvedRowObserver
{
    public List<string> Predicted { get; } = new();
    public List<string> Truth { get; } = new();
    public List<NameRecord> Records { get; } = new();

    public void Observe(ResolvedParty party, string[] fields)
    {
        var cell = fields[truthColumn];
        var labels = cell.Split(';');
        var label = labels.Length > 1 && party.PartySeq >= 1 && party.PartySeq <= labels.Length ? labels[party.PartySeq - 1] : cell;
        if (label.Length == 0) return; // unlabelled rows do not count
        Predicted.Add(party.GlobalId);
        Truth.Add(label);
        if (collectRecords) Records.Add(NameRecord.FromParty(party.Party, party.Input.Context));
    }
}
