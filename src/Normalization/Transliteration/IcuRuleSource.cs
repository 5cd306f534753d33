using System.Text;

namespace Names.Normalization.Transliteration;

/// <summary>
/// The rule source of one of ICU's own transliterators, read from ICU's data the way ICU's registry reads it (the
/// "translit" resource tree: RuleBasedTransliteratorIDs / id / file / resource, aliases followed), without compiling
/// it. Asking an open transliterator for its rules (utrans_toRules) compiles them first: for Han-Latin that was
/// ~170 ms of CPU at the start of every command. Null when this ICU keeps the rules elsewhere (a bundle name instead
/// of the text) or lacks the entry points: callers then ask the compiled transliterator.
/// </summary>
internal static unsafe class IcuRuleSource
{
    private const int U_ZERO_ERROR = 0;

    public static string? TryRead(IcuLibrary icu, string id)
    {
        if (icu.ResourceOpen == null) return null;
        var opened = new List<nint>();
        try
        {
            int status = U_ZERO_ERROR;
            nint root;
            fixed (byte* package = Key("ICUDATA-translit"))
            fixed (byte* locale = Key("root"))
            {
                root = icu.ResourceOpen(package, locale, &status);
            }
            if (!Kept(opened, root, status)) return null;
            var ids = ByKey(icu, opened, root, "RuleBasedTransliteratorIDs");
            if (ids == 0) return null;
            for (int hop = 0; hop < 4; hop++) // "Han-Latin" is an alias of "Hani-Latn"
            {
                var entry = ByKey(icu, opened, ids, id);
                if (entry == 0) return null;
                if (StringByKey(icu, entry, "alias") is { } alias)
                {
                    id = alias;
                    continue;
                }
                var file = ByKey(icu, opened, entry, "file");
                if (file == 0) return null;
                var resource = StringByKey(icu, file, "resource");
                // the rules themselves (ICU 7x embeds them); a bundle name otherwise, which is not read here
                return resource != null && resource.Contains(';') ? resource : null;
            }
            return null;
        }
        finally
        {
            for (int i = opened.Count - 1; i >= 0; i--) icu.ResourceClose(opened[i]);
        }
    }

    private static nint ByKey(IcuLibrary icu, List<nint> opened, nint bundle, string key)
    {
        int status = U_ZERO_ERROR;
        nint child;
        fixed (byte* k = Key(key)) child = icu.ResourceByKey(bundle, k, 0, &status);
        return Kept(opened, child, status) ? child : 0;
    }

    private static string? StringByKey(IcuLibrary icu, nint bundle, string key)
    {
        int status = U_ZERO_ERROR, length = 0;
        char* text;
        fixed (byte* k = Key(key)) text = icu.ResourceStringByKey(bundle, k, &length, &status);
        return status > U_ZERO_ERROR || text == null ? null : new string(text, 0, length); // points into ICU's data
    }

    /// <summary>Every bundle ICU returned is closed, failed look-ups included (ICU may allocate one for them).</summary>
    private static bool Kept(List<nint> opened, nint bundle, int status)
    {
        if (bundle != 0) opened.Add(bundle);
        return bundle != 0 && status <= U_ZERO_ERROR; // warnings are negative
    }

    private static byte[] Key(string key) => Encoding.ASCII.GetBytes(key + "\0");
}
