using Names.Normalization.Lexicon;
using Names.Normalization.Transliteration;

namespace Names.Normalization.Text;

/// <summary>One word of a run of text written without spaces; <see cref="Concept"/> is set for a generic word.</summary>
internal readonly record struct ScriptWord(string Text, string[]? Concept);

/// <summary>
/// R8: splits a run of Han, kana, Hangul or Thai text (no spaces) into words. Generic organisation words of the
/// concept table anchor the split, longest first (日立製作所 -> 日立 + 製作所, 삼성전자 -> 삼성 + 전자); the stretches
/// between them go through ICU's dictionary word break (华为 / 技术) when ICU is there and they hold Han or Thai, else
/// stay whole.
/// </summary>
internal static class ScriptWordSplitter
{
    private const int MinAnchorLength = 2; // one character is too often part of a proper name (省, 所, 院)

    public static void Split(string run, ConceptTable concepts, IcuWordBreak? wordBreak, List<ScriptWord> into, List<string> scratch)
    {
        var span = run.AsSpan();
        int pending = 0, pos = 0;
        while (pos < span.Length)
        {
            int longest = Math.Min(concepts.MaxScriptWordLength, span.Length - pos);
            bool found = false;
            for (int length = longest; length >= MinAnchorLength; length--)
            {
                if (!concepts.TryGetScriptWord(span.Slice(pos, length), out var concept)) continue;
                Flush(run, pending, pos, wordBreak, into, scratch);
                into.Add(new ScriptWord(run.Substring(pos, length), concept));
                pos += length;
                pending = pos;
                found = true;
                break;
            }
            if (!found) pos++;
        }
        Flush(run, pending, span.Length, wordBreak, into, scratch);
    }

    private static void Flush(string run, int from, int to, IcuWordBreak? wordBreak, List<ScriptWord> into, List<string> scratch)
    {
        if (to <= from) return;
        var stretch = from == 0 && to == run.Length ? run : run.Substring(from, to - from);
        // kana alone is split by ICU into single syllables (its dictionary holds words with kanji): kept whole
        if (wordBreak == null || stretch.Length < 3 || !HasHanOrThai(stretch))
        {
            into.Add(new ScriptWord(stretch, null));
            return;
        }
        scratch.Clear();
        wordBreak.Split(stretch, scratch);
        if (scratch.Count == 0) into.Add(new ScriptWord(stretch, null));
        foreach (var w in scratch) into.Add(new ScriptWord(w, null));
        scratch.Clear();
    }

    private static bool HasHanOrThai(string s)
    {
        foreach (var c in s)
            if ((c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || char.IsSurrogate(c) || ScriptClass.IsThai(c)) return true;
        return false;
    }
}
