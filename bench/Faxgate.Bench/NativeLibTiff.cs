using System.Runtime.InteropServices;

namespace Faxgate.Bench;

/// <summary>The libtiff entry points the benchmark needs beyond the test bindings.</summary>
public static partial class NativeLibTiff
{
    private const string Library = "libtiff.so.6";

    /// <summary>The first line of libtiff's version text, e.g. "LIBTIFF, Version 4.5.1".</summary>
    public static string Version()
    {
        string text = Marshal.PtrToStringUTF8(TIFFGetVersion()) ?? "unknown";
        int newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline];
    }

    [LibraryImport(Library)]
    private static partial nint TIFFGetVersion();
}
