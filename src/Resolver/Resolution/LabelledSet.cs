namespace Names.Resolver.Resolution;

/// <summary>
/// One labelled data set a model is trained on: rows with their true entity (training pairs are then the candidate pairs
/// the index proposes among them), or labelled name pairs (a pair benchmark such as namebench), or both.
/// </summary>
public sealed record LabelledSet(string Name, IReadOnlyList<(ResolveInput Row, string Label)> Rows,
    IReadOnlyList<(ResolveInput A, ResolveInput B, bool IsMatch)> Pairs);

/// <summary>How many training pairs a set gave (after sampling), and how many of them are matches.</summary>
public sealed record LabelledSetUse(string Name, int Pairs, int Matches);
