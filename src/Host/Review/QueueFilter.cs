using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Names.Resolver.Review;

namespace Names.Host.Review;

/// <summary>
/// The queue filters of the page (kind, country, score band, source) as they travel in the query string of GET
/// /review and in hidden fields of the decision forms, so that a decision returns to the same filtered queue.
/// Values that do not parse are dropped rather than failing the page.
/// </summary>
public sealed record QueueFilter(string? Kind, string? Country, double? MinScore, double? MaxScore, string? Source)
{
    public static readonly IReadOnlyList<(string Value, string Label)> Kinds = [("", "any"), ("legal_entity", "legal entity"), ("person", "person")];

    public ProposalFilter ToProposalFilter() => new(Kind, Country, MinScore, MaxScore, Source);

    public static QueueFilter From(Func<string, string?> value) => new(
        Kinds.Any(k => k.Value.Length > 0 && k.Value == value("kind")) ? value("kind") : null,
        Clean(value("country"), 8)?.ToUpperInvariant(),
        Score(value("min")),
        Score(value("max")),
        Clean(value("source"), 400));

    public static QueueFilter From(IQueryCollection query) => From(name => query[name].ToString());

    public static QueueFilter From(IFormCollection form) => From(name => form[name].ToString());

    /// <summary>The filters as query parameters (only those set).</summary>
    public Dictionary<string, string?> ToQuery()
    {
        var query = new Dictionary<string, string?>();
        if (Kind is not null) query["kind"] = Kind;
        if (Country is not null) query["country"] = Country;
        if (MinScore is { } min) query["min"] = min.ToString("0.###", CultureInfo.InvariantCulture);
        if (MaxScore is { } max) query["max"] = max.ToString("0.###", CultureInfo.InvariantCulture);
        if (Source is not null) query["source"] = Source;
        return query;
    }

    /// <summary>/review with these filters and the extra parameters.</summary>
    public string QueueUrl(params (string Name, string? Value)[] extra)
    {
        var query = ToQuery();
        foreach (var (name, value) in extra) if (value is not null) query[name] = value;
        return QueryHelpers.AddQueryString(ReviewPages.Root, query);
    }

    /// <summary>The filters as hidden form fields.</summary>
    public Html HiddenFields() =>
        Html.Join(ToQuery().Select(p => Html.Of($"<input type=\"hidden\" name=\"{p.Key}\" value=\"{p.Value}\">")));

    public bool IsEmpty => ToQuery().Count == 0;

    private static string? Clean(string? text, int max)
    {
        text = text?.Trim();
        return string.IsNullOrEmpty(text) || text.Length > max ? null : text;
    }

    private static double? Score(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1 ? v : null;
}
