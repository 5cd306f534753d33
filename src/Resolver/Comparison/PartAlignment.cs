namespace Names.Resolver.Comparison;

/// <summary>
/// The best one-to-one pairing of the words of two names, independent of their order: each word is paired with the
/// word of the other name it agrees with best (<see cref="PartAgreement"/>), best pairs first. Words left over on both
/// sides are conflicts (a part of one name replaced by another word); words left over on one side only are extra parts
/// (a middle name, a patronymic). A word glued from two words of the other name (FRIDRICHBUCHENBERG, VLADIMIRPUTIN)
/// pairs with both of them, and so do initials with the words they start (JC / JEAN CLAUDE).
/// </summary>
/// <param name="Paired">Pairs formed (a glued word or initials with their words count as one pair).</param>
/// <param name="Conflicts">Words left over on both sides, paired off against each other.</param>
/// <param name="Extra">Words left over on one side only (and words beyond <see cref="MaxWords"/>).</param>
/// <param name="Weakest">The weakest agreement among the pairs (<see cref="PartAgreement.Different"/> when none).</param>
/// <param name="Reordered">Two words paired one to one stand in the opposite order in the other name (HANS FRIEDRICH / FRIEDRICH HANS).</param>
public readonly record struct PartAlignment(int Paired, int Conflicts, int Extra, PartAgreement Weakest, bool Reordered = false)
{
    /// <summary>Words per name considered (longer names: the rest count as extra).</summary>
    public const int MaxWords = 8;

    /// <summary>Aligns two word lists (upper-case name-key words).</summary>
    /// <param name="syllabic">Han, Kana or Hangul words, where one sign is one syllable: only equal words agree.</param>
    /// <param name="acrossScripts">One name romanised from another script, the other written in Latin: equal consonant
    /// skeletons (<see cref="PhoneticKey.Skeleton"/>) count as sound-alikes when one of the words has few vowels
    /// (romanised Arabic, Persian, Hebrew).</param>
    /// <param name="minFuzzyLength">Words shorter than this agree only when equal, as initials or as nicknames
    /// (organisations: NABC / ABC, SNOW / SNOE are other names, not typos).</param>
    /// <param name="acronymNames">A name of one short word may be the initials of the other (PLA / PEOPLES LIBERATION
    /// ARMY); false for persons, where initials alone (N.N.) fit too many names.</param>
    public static PartAlignment Align(IReadOnlyList<string> a, IReadOnlyList<string> b, bool syllabic = false, bool acrossScripts = false, int minFuzzyLength = 2,
        bool acronymNames = true)
    {
        int n = Math.Min(a.Count, MaxWords), m = Math.Min(b.Count, MaxWords);
        int overflow = Math.Max(a.Count - n, b.Count - m);
        Span<int> score = stackalloc int[MaxWords * MaxWords];
        Span<byte> grade = stackalloc byte[MaxWords * MaxWords];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                var g = syllabic ? (a[i] == b[j] ? PartAgreement.Equal : PartAgreement.Different) : Agreement(a[i], b[j], acrossScripts, minFuzzyLength);
                grade[i * MaxWords + j] = (byte)g;
                // Ties between equal grades go to the closer spelling.
                score[i * MaxWords + j] = (int)g * 1000 + (int)(JaroWinkler.Similarity(a[i], b[j]) * 999);
            }
        Span<bool> usedA = stackalloc bool[MaxWords];
        Span<bool> usedB = stackalloc bool[MaxWords];
        Span<int> partner = stackalloc int[MaxWords];
        partner.Fill(-1);
        int paired = 0, glued = 0;
        var weakest = PartAgreement.Equal;
        if (!syllabic)
            glued = PairGlued(a, n, b, m, usedA, usedB, ref weakest) + PairGlued(b, m, a, n, usedB, usedA, ref weakest)
                + (acronymNames || n > 1 ? PairInitials(a, n, b, m, usedA, usedB, ref weakest) : 0)
                + (acronymNames || m > 1 ? PairInitials(b, m, a, n, usedB, usedA, ref weakest) : 0);
        while (true)
        {
            int best = -1, bi = -1, bj = -1;
            for (int i = 0; i < n; i++)
            {
                if (usedA[i]) continue;
                for (int j = 0; j < m; j++)
                    if (!usedB[j] && grade[i * MaxWords + j] > 0 && score[i * MaxWords + j] > best) { best = score[i * MaxWords + j]; bi = i; bj = j; }
            }
            if (bi < 0) break;
            usedA[bi] = usedB[bj] = true;
            partner[bi] = bj;
            var g = (PartAgreement)grade[bi * MaxWords + bj];
            paired++;
            if (g < weakest) weakest = g;
        }
        int leftA = 0, leftB = 0;
        for (int i = 0; i < n; i++) if (!usedA[i]) leftA++;
        for (int j = 0; j < m; j++) if (!usedB[j]) leftB++;
        int conflicts = Math.Min(leftA, leftB);
        bool reordered = false;
        for (int i = 0, last = -1; i < n && !reordered; i++)
            if (partner[i] >= 0) { reordered = partner[i] < last; last = partner[i]; }
        return new PartAlignment(paired + glued, conflicts, Math.Max(leftA, leftB) - conflicts + overflow, paired + glued == 0 ? PartAgreement.Different : weakest, reordered);
    }

    /// <summary>How two words agree: equal, one edit, same sound, nickname, initial, prefix, similar, or different.</summary>
    public static PartAgreement Agreement(string x, string y, bool acrossScripts = false, int minFuzzyLength = 2)
    {
        if (x == y) return PartAgreement.Equal;
        if (x.Length == 0 || y.Length == 0) return PartAgreement.Different;
        if (x.Length == 1 || y.Length == 1) return x[0] == y[0] ? PartAgreement.Initial : PartAgreement.Different;
        if (GivenNameVariants.Default.AreVariants(x, y)) return PartAgreement.Nickname;
        int shorter = Math.Min(x.Length, y.Length);
        if (shorter < minFuzzyLength) return PartAgreement.Different;
        int distance = EditDistance.Distance(x, y, 2);
        if (distance == 1 && shorter >= 3) return PartAgreement.Typo;
        // A sound code keeps few letters of a short name (KLAVE / GULIEV, GINTA / JANETT share theirs): the spellings must be close too.
        var px = PhoneticKey.Encode(x);
        if (px.Length >= 2 && px == PhoneticKey.Encode(y) && JaroWinkler.Similarity(x, y) >= 0.8) return PartAgreement.Phonetic;
        if (acrossScripts && (FewVowels(x) || FewVowels(y)) && PhoneticKey.Skeleton(x) is { Length: >= 2 } sx && sx == PhoneticKey.Skeleton(y)) return PartAgreement.Phonetic;
        if (shorter >= 3 && (x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal))) return PartAgreement.Prefix;
        if ((distance <= 2 && shorter >= 5) || (shorter >= 4 && JaroWinkler.Similarity(x, y) >= 0.9)) return PartAgreement.Similar;
        return PartAgreement.Different;
    }

    /// <summary>
    /// Pairs a word of 2-5 letters with consecutive words of the other name whose initials it spells (JC / JEAN CLAUDE,
    /// PLA / PEOPLES LIBERATION ARMY, US / UNITED STATES, SRL / SOCIETATEA CU RASPUNDERE LIMITATA: linking words of up to
    /// three letters may be passed over), when neither the word nor those words appear as such in the
    /// other name; returns how many pairs were formed.
    /// </summary>
    private static int PairInitials(IReadOnlyList<string> letters, int n, IReadOnlyList<string> words, int m, Span<bool> usedLetters, Span<bool> usedWords, ref PartAgreement weakest)
    {
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            var t = letters[i];
            if (usedLetters[i] || t.Length < 2 || t.Length > 5 || t.Length > m || !t.All(char.IsAsciiLetter) || Contains(words, m, t)) continue;
            for (int start = 0; start + t.Length <= m && !usedLetters[i]; start++)
            {
                // Walk the words from start, each spelling the next letter; short linking words (OF, AND, CU) may be passed over.
                int k = 0, j = start;
                while (k < t.Length && j < m && !usedWords[j] && !Contains(letters, n, words[j]))
                {
                    if (words[j].Length > 1 && words[j][0] == t[k]) k++;
                    else if (j == start || words[j].Length > 3) break;
                    j++;
                }
                if (k < t.Length) continue;
                usedLetters[i] = true;
                for (int w = start; w < j; w++) usedWords[w] = true;
                if (PartAgreement.Initial < weakest) weakest = PartAgreement.Initial;
                count++;
            }
        }
        return count;
    }

    /// <summary>At most a third of the letters are vowels: a word romanised from a script that writes few vowels (BYRYZ, FRNANDW).</summary>
    private static bool FewVowels(string word)
    {
        int vowels = 0;
        foreach (var c in word) if (c is 'A' or 'E' or 'I' or 'O' or 'U') vowels++;
        return vowels * 3 <= word.Length;
    }

    private static bool Contains(IReadOnlyList<string> words, int count, string word)
    {
        for (int i = 0; i < count; i++) if (words[i] == word) return true;
        return false;
    }

    /// <summary>
    /// Pairs a word of <paramref name="glued"/> that spells two words of <paramref name="spaced"/> run together (in
    /// either order, at most one edit apart; words of 3+ letters that the glued side lacks as such); returns how many words of the glued side were paired.
    /// </summary>
    private static int PairGlued(IReadOnlyList<string> glued, int n, IReadOnlyList<string> spaced, int m, Span<bool> usedGlued, Span<bool> usedSpaced, ref PartAgreement weakest)
    {
        if (m < 2) return 0;
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            var word = glued[i];
            if (usedGlued[i] || word.Length < 6) continue;
            for (int j = 0; j < m && !usedGlued[i]; j++)
                for (int k = 0; k < m && !usedGlued[i]; k++)
                {
                    if (j == k || usedSpaced[j] || usedSpaced[k] || spaced[j].Length + spaced[k].Length < word.Length - 1
                        || spaced[j].Length + spaced[k].Length > word.Length + 1 || spaced[j].Length < 3 || spaced[k].Length < 3
                        || Contains(glued, n, spaced[j]) || Contains(glued, n, spaced[k])) continue;
                    int d = EditDistance.Distance(word, spaced[j] + spaced[k], 1);
                    if (d > 1) continue;
                    usedGlued[i] = usedSpaced[j] = usedSpaced[k] = true;
                    var g = d == 0 ? PartAgreement.Equal : PartAgreement.Typo;
                    if (g < weakest) weakest = g;
                    count++;
                }
        }
        return count;
    }
}
