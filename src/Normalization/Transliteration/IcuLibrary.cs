using System.Runtime.InteropServices;

namespace Names.Normalization.Transliteration;

/// <summary>
/// R8: the system ICU i18n library and its transliterator entry points. ICU exports its C API with the major version
/// as a suffix (utrans_openU_72), so the library and the suffix are discovered at run time.
/// </summary>
internal sealed unsafe class IcuLibrary
{
    private static readonly string[] LibraryNames = BuildLibraryNames();

    public delegate* unmanaged<char*, int, int, char*, int, void*, int*, nint> OpenU { get; private init; }
    public delegate* unmanaged<nint, char*, int*, int, int, int*, int*, void> TransUChars { get; private init; }
    public delegate* unmanaged<nint, void> Close { get; private init; }
    /// <summary>utrans_toRules; null when this ICU does not export it (the Han fast path is then off).</summary>
    public delegate* unmanaged<nint, sbyte, char*, int, int*, int> ToRules { get; private init; }
    /// <summary>ures_open, ures_getByKey, ures_getStringByKey, ures_close (ICU's resource bundles, exported by the common
    /// library that the i18n library loads); null when not found (<see cref="IcuRuleSource"/> is then off).</summary>
    public delegate* unmanaged<byte*, byte*, int*, nint> ResourceOpen { get; private init; }
    public delegate* unmanaged<nint, byte*, nint, int*, nint> ResourceByKey { get; private init; }
    public delegate* unmanaged<nint, byte*, int*, int*, char*> ResourceStringByKey { get; private init; }
    public delegate* unmanaged<nint, void> ResourceClose { get; private init; }
    /// <summary>ubrk_open, ubrk_setText, ubrk_first, ubrk_next, ubrk_getRuleStatus, ubrk_close (the common library's
    /// break iterators, whose word break uses ICU's CJK dictionary); null when not found (<see cref="IcuWordBreak"/> is then off).</summary>
    public delegate* unmanaged<int, byte*, char*, int, int*, nint> BreakOpen { get; private init; }
    public delegate* unmanaged<nint, char*, int, int*, void> BreakSetText { get; private init; }
    public delegate* unmanaged<nint, int> BreakFirst { get; private init; }
    public delegate* unmanaged<nint, int> BreakNext { get; private init; }
    public delegate* unmanaged<nint, int> BreakRuleStatus { get; private init; }
    public delegate* unmanaged<nint, void> BreakClose { get; private init; }
    public string Description { get; private init; } = "";

    private IcuLibrary() { }

    private static string[] BuildLibraryNames()
    {
        var names = new List<string> { "libicui18n.so" };
        for (int v = 80; v >= 50; v--) names.Add($"libicui18n.so.{v}");
        names.Add("libicui18n.dylib");
        names.Add("icu.dll");
        names.Add("icuin.dll");
        return names.ToArray();
    }

    /// <summary>Loads ICU or returns null with the reason in <paramref name="error"/>.</summary>
    public static IcuLibrary? TryLoad(out string error)
    {
        foreach (var name in LibraryNames)
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            foreach (var suffix in Suffixes())
            {
                if (NativeLibrary.TryGetExport(handle, "utrans_openU" + suffix, out var open) &&
                    NativeLibrary.TryGetExport(handle, "utrans_transUChars" + suffix, out var trans) &&
                    NativeLibrary.TryGetExport(handle, "utrans_close" + suffix, out var close))
                {
                    NativeLibrary.TryGetExport(handle, "utrans_toRules" + suffix, out var toRules);
                    // looked up through the i18n library's handle: the dynamic linker also searches what it depends on
                    bool resources = NativeLibrary.TryGetExport(handle, "ures_open" + suffix, out var resOpen) &
                                     NativeLibrary.TryGetExport(handle, "ures_getByKey" + suffix, out var resByKey) &
                                     NativeLibrary.TryGetExport(handle, "ures_getStringByKey" + suffix, out var resString) &
                                     NativeLibrary.TryGetExport(handle, "ures_close" + suffix, out var resClose);
                    bool breaks = NativeLibrary.TryGetExport(handle, "ubrk_open" + suffix, out var brkOpen) &
                                  NativeLibrary.TryGetExport(handle, "ubrk_setText" + suffix, out var brkSet) &
                                  NativeLibrary.TryGetExport(handle, "ubrk_first" + suffix, out var brkFirst) &
                                  NativeLibrary.TryGetExport(handle, "ubrk_next" + suffix, out var brkNext) &
                                  NativeLibrary.TryGetExport(handle, "ubrk_getRuleStatus" + suffix, out var brkStatus) &
                                  NativeLibrary.TryGetExport(handle, "ubrk_close" + suffix, out var brkClose);
                    error = "";
                    return new IcuLibrary
                    {
                        OpenU = (delegate* unmanaged<char*, int, int, char*, int, void*, int*, nint>)open,
                        TransUChars = (delegate* unmanaged<nint, char*, int*, int, int, int*, int*, void>)trans,
                        Close = (delegate* unmanaged<nint, void>)close,
                        ToRules = (delegate* unmanaged<nint, sbyte, char*, int, int*, int>)toRules,
                        ResourceOpen = resources ? (delegate* unmanaged<byte*, byte*, int*, nint>)resOpen : null,
                        ResourceByKey = resources ? (delegate* unmanaged<nint, byte*, nint, int*, nint>)resByKey : null,
                        ResourceStringByKey = resources ? (delegate* unmanaged<nint, byte*, int*, int*, char*>)resString : null,
                        ResourceClose = resources ? (delegate* unmanaged<nint, void>)resClose : null,
                        BreakOpen = breaks ? (delegate* unmanaged<int, byte*, char*, int, int*, nint>)brkOpen : null,
                        BreakSetText = breaks ? (delegate* unmanaged<nint, char*, int, int*, void>)brkSet : null,
                        BreakFirst = breaks ? (delegate* unmanaged<nint, int>)brkFirst : null,
                        BreakNext = breaks ? (delegate* unmanaged<nint, int>)brkNext : null,
                        BreakRuleStatus = breaks ? (delegate* unmanaged<nint, int>)brkStatus : null,
                        BreakClose = breaks ? (delegate* unmanaged<nint, void>)brkClose : null,
                        Description = name + " (utrans_openU" + suffix + ")",
                    };
                }
            }
        }
        error = "ICU transliteration is not available: no libicui18n with utrans_openU[_NN] was found " +
                "(install the libicu package, e.g. 'apt-get install libicu72'). Non-Latin names cannot be romanised.";
        return null;
    }

    private static IEnumerable<string> Suffixes()
    {
        yield return "";
        for (int v = 80; v >= 50; v--) yield return "_" + v;
    }
}
