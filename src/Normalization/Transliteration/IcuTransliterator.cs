using System.Runtime.InteropServices;

namespace Names.Normalization.Transliteration;

/// <summary>
/// One opened ICU transliterator (e.g. "Any-Latin; Latin-ASCII"). ICU transliterators are not thread-safe: each
/// thread owns its own instances (see <see cref="Romanizer"/>). The native object is released by the SafeHandle.
/// </summary>
internal sealed unsafe class IcuTransliterator : IDisposable
{
    private readonly IcuLibrary _icu;
    private readonly TransliteratorHandle _handle;

    private IcuTransliterator(IcuLibrary icu, TransliteratorHandle handle)
    {
        _icu = icu;
        _handle = handle;
    }

    public static IcuTransliterator? TryOpen(IcuLibrary icu, string id)
    {
        int status = 0;
        nint ptr;
        fixed (char* p = id)
        {
            ptr = icu.OpenU(p, id.Length, 0 /* UTRANS_FORWARD */, null, 0, null, &status);
        }
        if (status > 0 || ptr == 0) return null;
        return new IcuTransliterator(icu, new TransliteratorHandle(icu, ptr));
    }

    public string Transliterate(string text)
    {
        if (text.Length == 0) return text;
        int capacity = text.Length * 4 + 16;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var buffer = new char[capacity];
            text.CopyTo(0, buffer, 0, text.Length);
            int length = text.Length, limit = text.Length, status = 0;
            fixed (char* b = buffer)
            {
                _icu.TransUChars(_handle.DangerousGetHandle(), b, &length, capacity, 0, &limit, &status);
            }
            if (status == 15 /* U_BUFFER_OVERFLOW_ERROR */) { capacity = Math.Max(capacity * 2, length + 16); continue; }
            if (status > 0) return "";
            return new string(buffer, 0, Math.Min(length, capacity));
        }
        return "";
    }

    public void Dispose() => _handle.Dispose();

    private sealed class TransliteratorHandle : SafeHandle
    {
        private readonly IcuLibrary _icu;

        public TransliteratorHandle(IcuLibrary icu, nint ptr) : base(0, true)
        {
            _icu = icu;
            SetHandle(ptr);
        }

        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            _icu.Close(handle);
            return true;
        }
    }
}
