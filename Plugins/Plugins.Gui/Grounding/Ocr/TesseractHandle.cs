using System;
using Microsoft.Win32.SafeHandles;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>A <c>TessBaseAPI*</c>; releasing it ends and deletes the API instance.</summary>
internal sealed class TesseractHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public TesseractHandle()
        : base(ownsHandle: true)
    {
    }

    public static TesseractHandle Create()
    {
        var handle = new TesseractHandle();
        handle.SetHandle(TesseractNative.TessBaseAPICreate());
        return handle.IsInvalid ? throw new InvalidOperationException("TessBaseAPICreate returned null.") : handle;
    }

    protected override bool ReleaseHandle()
    {
        TesseractNative.TessBaseAPIEnd(handle);
        TesseractNative.TessBaseAPIDelete(handle);
        return true;
    }
}
