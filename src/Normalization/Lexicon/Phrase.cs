using System.Text;
using Names.Normalization.Text;

namespace Names.Normalization.Lexicon;

/// <summary>A word list entry as a sequence of token key forms, tokenised exactly like names are.</summary>
internal sealed class Phrase<T>
{
    public Phrase(string[] tokens, T value)
    {
        Tokens = tokens;
        Value = value;
    }

    public string[] Tokens { get; }
    public T Value { get; }
    public string Key => string.Join(' ', Tokens);

    public static string[] TokensOf(string text)
    {
        var list = new List<NameToken>();
        var stats = new TokenizeStats();
        NameTokenizer.Tokenize(text, list, new StringBuilder(), ref stats);
        var result = new string[list.Count];
        for (int i = 0; i < list.Count; i++) result[i] = list[i].Match;
        return result;
    }
}
