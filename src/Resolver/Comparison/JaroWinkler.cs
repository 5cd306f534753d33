namespace Names.Resolver.Comparison;

/// <summary>Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4), allocation-light.</summary>
public static class JaroWinkler
{
    public static double Similarity(string s1, string s2)
    {
        if (s1.Length == 0 || s2.Length == 0) return s1.Length == s2.Length ? 1 : 0;
        if (s1 == s2) return 1;
        int range = Math.Max(0, Math.Max(s1.Length, s2.Length) / 2 - 1);
        Span<bool> m1 = s1.Length <= 256 ? stackalloc bool[s1.Length] : new bool[s1.Length];
        Span<bool> m2 = s2.Length <= 256 ? stackalloc bool[s2.Length] : new bool[s2.Length];
        int matches = 0;
        for (int i = 0; i < s1.Length; i++)
        {
            int lo = Math.Max(0, i - range), hi = Math.Min(s2.Length - 1, i + range);
            for (int j = lo; j <= hi; j++)
            {
                if (m2[j] || s1[i] != s2[j]) continue;
                m1[i] = m2[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0) return 0;
        int transpositions = 0, k = 0;
        for (int i = 0; i < s1.Length; i++)
        {
            if (!m1[i]) continue;
            while (!m2[k]) k++;
            if (s1[i] != s2[k]) transpositions++;
            k++;
        }
        double m = matches;
        double jaro = (m / s1.Length + m / s2.Length + (m - transpositions / 2.0) / m) / 3.0;
        int prefix = 0;
        for (int i = 0; i < Math.Min(4, Math.Min(s1.Length, s2.Length)) && s1[i] == s2[i]; i++) prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
