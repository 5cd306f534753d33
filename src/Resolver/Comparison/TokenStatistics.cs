namespace Names.Resolver.Comparison;

/// <summary>
/// Document frequencies of name tokens over the distinct variants seen so far; gives rare words more weight than
/// common ones (BV, COMPANY, ELECTRONICS count less than PHILIPS). Updated incrementally during a run.
/// </summary>
public sealed class TokenStatistics
{
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);

    public int Documents { get; private set; }

    public void Add(IEnumerable<string> tokens)
    {
        Documents++;
        foreach (var t in tokens.Distinct())
            _documentFrequency[t] = _documentFrequency.GetValueOrDefault(t) + 1;
    }

    public int DocumentFrequency(string token) => _documentFrequency.GetValueOrDefault(token);

    /// <summary>Smoothed inverse document frequency; an unseen token gets the highest weight.</summary>
    public double Weight(string token) => Math.Log((Documents + 2.0) / (DocumentFrequency(token) + 1.0));
}
