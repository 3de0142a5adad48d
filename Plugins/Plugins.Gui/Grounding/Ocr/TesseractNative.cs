using System;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>
/// Tesseract 5's C API (<c>tesseract/capi.h</c>) and the one place where the native library is found and loaded:
/// a <see cref="NativeLibrary"/> resolver maps <c>tesseract</c> to Debian's <c>libtesseract.so.5</c>.
/// </summary>
internal static partial class TesseractNative
{
    public const string LibraryName = "tesseract";

    public const string InstallHint = "Install Tesseract 5 with English data with 'sudo apt-get install -y tesseract-ocr tesseract-ocr-eng'.";

    private const string LibcName = "libc";

    private static readonly string[] Candidates = ["libtesseract.so.5", "libtesseract.so", "libtesseract.5.dylib", "tesseract53", "tesseract"];

    private static readonly Lock Gate = new();

    private static bool _resolverSet;

    private static IntPtr _library;

    /// <summary>
    /// Registers the resolver and loads the library once. When <paramref name="ompThreadLimit"/> is positive and
    /// <c>OMP_THREAD_LIMIT</c> is unset, it is set in the native environment first, because OpenMP reads it when
    /// Tesseract's <c>libgomp</c> loads (several OpenMP threads per recognition slow Tesseract down on a small machine).
    /// </summary>
    /// <exception cref="DllNotFoundException">The library is missing; the message says how to install it.</exception>
    public static void EnsureLoaded(int ompThreadLimit)
    {
        lock (Gate)
        {
            if (_library != IntPtr.Zero)
            {
                return;
            }

            if (!_resolverSet)
            {
                NativeLibrary.SetDllImportResolver(typeof(TesseractNative).Assembly, Resolve);
                _resolverSet = true;
            }

            if (ompThreadLimit > 0 && OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("OMP_THREAD_LIMIT") is null)
            {
                _ = SetEnv("OMP_THREAD_LIMIT", ompThreadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), 0);
            }

            foreach (var name in Candidates)
            {
                if (NativeLibrary.TryLoad(name, out var handle))
                {
                    _library = handle;
                    return;
                }
            }

            throw new DllNotFoundException($"The Tesseract library was not found (tried {string.Join(", ", Candidates)}). {InstallHint}");
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name == LibraryName)
        {
            lock (Gate)
            {
                if (_library != IntPtr.Zero)
                {
                    return _library;
                }
            }

            foreach (var candidate in Candidates)
            {
                if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
                {
                    return handle;
                }
            }
        }
        else if (name == LibcName && NativeLibrary.TryLoad("libc.so.6", out var libc))
        {
            return libc;
        }

        return IntPtr.Zero;
    }

    [LibraryImport(LibcName, EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport(LibraryName)]
    public static partial IntPtr TessVersion();

    [LibraryImport(LibraryName)]
    public static partial IntPtr TessBaseAPICreate();

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPIInit3(TesseractHandle handle, string dataPath, string language);

    [LibraryImport(LibraryName)]
    public static partial void TessBaseAPISetPageSegMode(TesseractHandle handle, int mode);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPISetVariable(TesseractHandle handle, string name, string value);

    [LibraryImport(LibraryName)]
    public static unsafe partial void TessBaseAPISetImage(TesseractHandle handle, byte* imageData, int width, int height, int bytesPerPixel, int bytesPerLine);

    [LibraryImport(LibraryName)]
    public static partial void TessBaseAPISetSourceResolution(TesseractHandle handle, int ppi);

    [LibraryImport(LibraryName)]
    public static partial int TessBaseAPIRecognize(TesseractHandle handle, IntPtr monitor);

    [LibraryImport(LibraryName)]
    public static partial IntPtr TessBaseAPIGetTsvText(TesseractHandle handle, int pageNumber);

    [LibraryImport(LibraryName)]
    public static partial void TessDeleteText(IntPtr text);

    [LibraryImport(LibraryName)]
    public static partial void TessBaseAPIClear(TesseractHandle handle);

    [LibraryImport(LibraryName)]
    public static partial void TessBaseAPIEnd(IntPtr handle);

    [LibraryImport(LibraryName)]
    public static partial void TessBaseAPIDelete(IntPtr handle);
}
