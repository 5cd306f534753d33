using Names.Normalization;

namespace Names.Resolver.Comparison;

/// <summary>How the words of two organisation names relate once typos, abbreviations and glued words are allowed for.</summary>
public enum WordSetRelationKind
{
    /// <summary>Persons, empty names: not judged here.</summary>
    NotComparable,
    /// <summary>Every word of each name has a counterpart in the other (SILVER LAKE INDUS / SILVER LAKE INDUSTRIES).</summary>
    Same,
    /// <summary>One name is the other plus words (LIBERTY / LIBERTY INTERNATIONAL): often a parent and its subsidiary.</summary>
    Subset,
    /// <summary>Each name has a word the other lacks (SILVER LAKE APEX / SILVER LAKE SEMICONDUCTOR): different organisations.</summary>
    Conflict,
}

/// <summary>
/// Compares the word sets of two organisation names. A word has a counterpart when the other name has it exactly, with
/// a typo (Jaro-Winkler >= 0.9 on words of 5+ letters), as an abbreviation (a prefix of 3+ letters: INDUS / INDUSTRIES)
/// or glued into another word (its compact key contains it). Words found in a large share of all names (AND, OF) never
/// make a difference: only words that could name something count.
/// </summary>
public static class WordSetRelation
{
    /// <summary>A word in more than this share of the names seen is too common to tell two organisations apart.</summary>
    public const double CommonWordShare = 0.05;

    public static WordSetRelationKind Classify(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (a.Kind == EntityKind.Person || b.Kind == EntityKind.Person) return WordSetRelationKind.NotComparable;
        if (a.Tokens.Length == 0 || b.Tokens.Length == 0) return WordSetRelationKind.NotComparable;
        if (a.CompactKey == b.CompactKey) return WordSetRelationKind.Same;
        // Romanised names (other scripts) glue their words (HANBICH / HANBICHJEONJA, DONGFANGJIXIE / DONGFANGKEJI): there a
        // longer or similar word is another word, not an abbreviation or a typo.
        bool latin = a.RomanizedName.Length == 0 && b.RomanizedName.Length == 0;
        if (!latin && (a.CompactKey.Contains(b.CompactKey, StringComparison.Ordinal) || b.CompactKey.Contains(a.CompactKey, StringComparison.Ordinal)))
            return WordSetRelationKind.Subset;
        bool extraA = HasUnmatched(a, b, statistics, latin);
        bool extraB = HasUnmatched(b, a, statistics, latin);
        return (extraA, extraB) switch
        {
            (false, false) => WordSetRelationKind.Same,
            (true, true) => WordSetRelationKind.Conflict,
            _ => WordSetRelationKind.Subset,
        };
    }

    private static bool HasUnmatched(NameRecord from, NameRecord other, TokenStatistics statistics, bool latin)
    {
        var commonLimit = CommonWordShare * statistics.Documents;
        foreach (var t in from.DistinctTokens)
        {
            if (t.Length < 2 || (latin ? HasCounterpart(t, other) : Array.IndexOf(other.DistinctTokens, t) >= 0)) continue;
            if (statistics.Documents >= 100 && statistics.DocumentFrequency(t) > commonLimit) continue;
            return true;
        }
        return false;
    }

    private static bool HasCounterpart(string token, NameRecord other) => HasCounterpart(token, other.DistinctTokens, other.CompactKey);

    /// <summary>
    /// Whether <paramref name="token"/> has a counterpart among <paramref name="words"/>: the same word, a typo (Jaro-Winkler
    /// >= 0.9 on words of 5+ letters), an abbreviation (a prefix of 3+ letters) or glued into <paramref name="compactKey"/>.
    /// </summary>
    internal static bool HasCounterpart(string token, string[] words, string compactKey)
    {
        foreach (var t in words)
        {
            if (t == token) return true;
            if (t.Length >= 5 && token.Length >= 5 && JaroWinkler.Similarity(t, token) >= 0.9) return true;
            var (shorter, longer) = t.Length <= token.Length ? (t, token) : (token, t);
            if (shorter.Length >= 3 && longer.StartsWith(shorter, StringComparison.Ordinal)) return true;
        }
        return token.Length >= 4 && compactKey.Contains(token, StringComparison.Ordinal);
    }
}
