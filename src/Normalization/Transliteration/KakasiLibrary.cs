using System.Runtime.InteropServices;
using System.Text;

namespace Names.Normalization.Transliteration;

/// <summary>
/// R8: the system kakasi library (Debian libkakasi2), which reads Japanese kanji and kana as Hepburn romaji
/// (株式会社日立製作所 -> "kabushikigaisha hitachiseisakusho"). kakasi keeps its options and dictionaries in global
/// state and works in EUC-JP, so every call goes through one lock and is converted to and from EUC-JP here.
/// Called as the project calls ICU: looked up at run time through NativeLibrary, never linked.
/// </summary>
internal sealed unsafe class KakasiLibrary
{
    private static readonly string[] LibraryNames = ["libkakasi.so.2", "libkakasi.so", "libkakasi.dylib", "kakasi.dll"];
    private static readonly string[] Options = ["kakasi", "-Ja", "-Ha", "-Ka", "-Ea", "-ka", "-rhepburn"];

    private readonly delegate* unmanaged<byte*, byte*> _do;
    private readonly delegate* unmanaged<byte*, void> _free;
    private readonly Encoding _eucJp;
    private readonly Lock _gate = new();

    private KakasiLibrary(delegate* unmanaged<byte*, byte*> doText, delegate* unmanaged<byte*, void> free, Encoding eucJp)
    {
        _do = doText;
        _free = free;
        _eucJp = eucJp;
    }

    /// <summary>Loads kakasi, or returns null with the reason in <paramref name="error"/>.</summary>
    public static KakasiLibrary? TryLoad(out string error)
    {
        Encoding eucJp;
        try
        {
            eucJp = CodePagesEncodingProvider.Instance.GetEncoding(51932) ?? throw new NotSupportedException("code page 51932");
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException)
        {
            error = "EUC-JP encoding is not available (" + ex.Message + "): Japanese names are read as Chinese.";
            return null;
        }
        foreach (var name in LibraryNames)
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            if (!NativeLibrary.TryGetExport(handle, "kakasi_getopt_argv", out var getopt) ||
                !NativeLibrary.TryGetExport(handle, "kakasi_do", out var doText) ||
                !NativeLibrary.TryGetExport(handle, "kakasi_free", out var free)) continue;
            if (!SetOptions((delegate* unmanaged<int, byte**, int>)getopt))
            {
                error = name + " refused its options (kakasi_getopt_argv): Japanese names are read as Chinese.";
                return null;
            }
            error = "";
            return new KakasiLibrary((delegate* unmanaged<byte*, byte*>)doText, (delegate* unmanaged<byte*, void>)free, eucJp);
        }
        error = "kakasi is not installed (no libkakasi.so.2; 'apt-get install libkakasi2'): Japanese names are read as Chinese (pinyin).";
        return null;
    }

    private static bool SetOptions(delegate* unmanaged<int, byte**, int> getopt)
    {
        var pointers = new nint[Options.Length];
        try
        {
            for (int i = 0; i < Options.Length; i++) pointers[i] = Marshal.StringToCoTaskMemUTF8(Options[i]);
            fixed (nint* argv = pointers) return getopt(Options.Length, (byte**)argv) == 0;
        }
        finally
        {
            foreach (var p in pointers) if (p != 0) Marshal.FreeCoTaskMem(p);
        }
    }

    /// <summary>The romaji of <paramref name="text"/> (lower-case, as kakasi writes it); empty when kakasi fails.</summary>
    public string Read(string text)
    {
        if (text.Length == 0) return "";
        var bytes = new byte[_eucJp.GetMaxByteCount(text.Length) + 1];
        int length = _eucJp.GetBytes(text, 0, text.Length, bytes, 0);
        bytes[length] = 0;
        lock (_gate)
        {
            byte* result;
            fixed (byte* b = bytes) result = _do(b);
            if (result == null) return "";
            try
            {
                int n = 0;
                while (result[n] != 0) n++;
                return _eucJp.GetString(result, n);
            }
            finally
            {
                _free(result);
            }
        }
    }
}
