using System.Runtime.InteropServices;

namespace Names.Normalization.Transliteration;

/// <summary>A native ICU object (transliterator, break iterator) released by its own close function.</summary>
internal sealed unsafe class IcuHandle : SafeHandle
{
    private readonly delegate* unmanaged<nint, void> _close;

    public IcuHandle(nint ptr, delegate* unmanaged<nint, void> close) : base(0, true)
    {
        _close = close;
        SetHandle(ptr);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        _close(handle);
        return true;
    }
}
