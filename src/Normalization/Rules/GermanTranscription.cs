namespace Names.Normalization.Rules;

/// <summary>R7: the alternative key folds German-style transcriptions UE/OE/AE to U/O/A (FUERTH -> FURTH = Fürth).</summary>
internal static class GermanTranscription
{
    public static bool Contains(string key)
    {
        if (key.Length < 2) return false;
        // vectorised search for E, then a look at the letter before it
        for (int i = key.IndexOf('E', 1); i > 0; i = key.IndexOf('E', i + 1))
        {
            if (key[i - 1] is 'A' or 'O' or 'U') return true;
        }
        return false;
    }

    /// <summary>The alternative key for <paramref name="compactKey"/>, or empty when it would be the same.</summary>
    public static string AltKey(string compactKey)
    {
        if (!Contains(compactKey)) return "";
        var chars = new char[compactKey.Length];
        int n = 0;
        for (int i = 0; i < compactKey.Length; i++)
        {
            chars[n++] = compactKey[i];
            // Q+UE is a different sound (QUEEN): leave it
            if (i + 1 < compactKey.Length && compactKey[i + 1] == 'E' && compactKey[i] is 'A' or 'O' or 'U' && !(compactKey[i] == 'U' && i > 0 && compactKey[i - 1] == 'Q'))
            {
                i++;
            }
        }
        var alt = new string(chars, 0, n);
        return alt == compactKey ? "" : alt;
    }
}
