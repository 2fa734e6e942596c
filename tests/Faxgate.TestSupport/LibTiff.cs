using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Faxgate.Imaging.Pages;

namespace Faxgate.TestSupport;

/// <summary>
/// The reference TIFF library (Debian libtiff6) called in-process: the oracle for Faxgate's TIFF
/// reader and writer, and the other side of the codec benchmark. Warnings and errors libtiff
/// reports are collected instead of printed.
/// </summary>
public static unsafe partial class LibTiff
{
    private const string Library = "libtiff.so.6";

    private const uint TagImageWidth = 256;
    private const uint TagImageLength = 257;
    private const uint TagBitsPerSample = 258;
    private const uint TagCompression = 259;
    private const uint TagPhotometric = 262;
    private const uint TagFillOrder = 266;
    private const uint TagSamplesPerPixel = 277;
    private const uint TagRowsPerStrip = 278;
    private const uint TagT4Options = 292;
    private const uint TagT6Options = 293;
    private const uint TagColorMap = 320;

    private static readonly Lock Gate = new();
    private static List<string>? _messages;

    public static bool Available => NativeLibrary.TryLoad(Library, out _);

    public static void Require() => Xunit.Skip.IfNot(Available, "libtiff.so.6 is not installed; ./test.sh installs it");

    /// <summary>A page as libtiff decodes it: rows of 1-bit pixels, 1 = black, whatever the file's photometric.</summary>
    public sealed record Page(int Width, int Height, byte[] Pixels, int Compression, int Photometric);

    /// <summary>Decodes every page of a TIFF with libtiff; returns the pages and libtiff's warnings and errors.</summary>
    public static (List<Page> Pages, List<string> Messages) ReadAll(string path)
    {
        lock (Gate)
        {
            _messages = [];
            InstallHandlers();
            var pages = new List<Page>();
            nint tif = TIFFOpen(path, "r");
            if (tif == 0)
            {
                return (pages, Drain());
            }

            try
            {
                do
                {
                    Page? page = ReadPage(tif);
                    if (page is null)
                    {
                        break;
                    }

                    pages.Add(page);
                }
                while (TIFFReadDirectory(tif) == 1);
            }
            finally
            {
                TIFFClose(tif);
            }

            return (pages, Drain());
        }
    }

    /// <summary>Decodes the pages of an open file without collecting messages (for timing).</summary>
    public static int DecodeAllStrips(string path, byte[] buffer)
    {
        nint tif = TIFFOpen(path, "r");
        if (tif == 0)
        {
            throw new InvalidOperationException($"libtiff cannot open {path}");
        }

        int pages = 0;
        try
        {
            do
            {
                uint strips = TIFFNumberOfStrips(tif);
                for (uint s = 0; s < strips; s++)
                {
                    fixed (byte* p = buffer)
                    {
                        if (TIFFReadEncodedStrip(tif, s, p, buffer.Length) < 0)
                        {
                            throw new InvalidOperationException($"libtiff failed on strip {s} of {path}");
                        }
                    }
                }

                pages++;
            }
            while (TIFFReadDirectory(tif) == 1);
        }
        finally
        {
            TIFFClose(tif);
        }

        return pages;
    }

    /// <summary>Writes pages with libtiff's own encoder: compression 3 (with T4Options) or 4, one strip per page.</summary>
    public static void Write(string path, IReadOnlyList<BilevelPage> pages, int compression, int t4Options = 0)
    {
        nint tif = TIFFOpen(path, "w");
        if (tif == 0)
        {
            throw new InvalidOperationException($"libtiff cannot create {path}");
        }

        try
        {
            foreach (BilevelPage page in pages)
            {
                Set(tif, TagImageWidth, page.Width);
                Set(tif, TagImageLength, page.Height);
                Set(tif, TagBitsPerSample, 1);
                Set(tif, TagSamplesPerPixel, 1);
                Set(tif, TagCompression, compression);
                Set(tif, TagPhotometric, 0);
                Set(tif, TagFillOrder, 1);
                Set(tif, TagRowsPerStrip, page.Height);
                if (compression == 3)
                {
                    Set(tif, TagT4Options, t4Options);
                }
                else if (compression == 4)
                {
                    Set(tif, TagT6Options, 0);
                }

                fixed (byte* p = page.Pixels)
                {
                    if (TIFFWriteEncodedStrip(tif, 0, p, page.Pixels.Length) < 0)
                    {
                        throw new InvalidOperationException("libtiff failed to encode a page");
                    }
                }

                if (TIFFWriteDirectory(tif) != 1)
                {
                    throw new InvalidOperationException("libtiff failed to write a directory");
                }
            }
        }
        finally
        {
            TIFFClose(tif);
        }
    }

    private static void Set(nint tif, uint tag, int value)
    {
        if (TIFFSetField(tif, tag, value) != 1)
        {
            throw new InvalidOperationException($"libtiff refused tag {tag} = {value}");
        }
    }

    private static Page? ReadPage(nint tif)
    {
        uint width = 0, height = 0;
        ushort compression = 1, photometric = 0;
        if (TIFFGetField(tif, TagImageWidth, &width) != 1 || TIFFGetField(tif, TagImageLength, &height) != 1)
        {
            throw new InvalidOperationException("libtiff finds no image size");
        }

        _ = TIFFGetFieldDefaulted(tif, TagCompression, &compression);
        _ = TIFFGetFieldDefaulted(tif, TagPhotometric, &photometric);
        int stride = (int)((width + 7) / 8);
        var pixels = new byte[stride * (long)height];
        long scanline = TIFFScanlineSize(tif);
        if (scanline != stride)
        {
            _messages!.Add($"{scanline} bytes per row for width {width}: not a bilevel page");
            return null;
        }

        uint strips = TIFFNumberOfStrips(tif);
        long stripSize = TIFFStripSize(tif);
        var buffer = new byte[Math.Max(stripSize, 1)];
        long written = 0;
        for (uint s = 0; s < strips && written < pixels.Length; s++)
        {
            long n;
            fixed (byte* p = buffer)
            {
                n = TIFFReadEncodedStrip(tif, s, p, buffer.Length);
            }

            if (n < 0)
            {
                _messages!.Add($"strip {s}: TIFFReadEncodedStrip failed");
                break;
            }

            int take = (int)Math.Min(n, pixels.Length - written);
            buffer.AsSpan(0, take).CopyTo(pixels.AsSpan((int)written));
            written += take;
        }

        bool invert = photometric == 1;
        if (photometric == 3)
        {
            // A two-colour palette: index 0 is black when its colour is dark.
            ushort* red = null, green = null, blue = null;
            if (TIFFGetField(tif, TagColorMap, &red, &green, &blue) == 1)
            {
                invert = (0.299 * red[0]) + (0.587 * green[0]) + (0.114 * blue[0]) < 32768;
            }
        }

        if (invert)
        {
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)~pixels[i];
            }
        }

        int spare = (stride * 8) - (int)width;
        if (spare > 0)
        {
            for (int i = stride - 1; i < pixels.Length; i += stride)
            {
                pixels[i] &= (byte)(0xFF << spare);
            }
        }

        return new Page((int)width, (int)height, pixels, compression, photometric);
    }

    private static List<string> Drain()
    {
        List<string> messages = _messages ?? [];
        _messages = null;
        return messages;
    }

    private static bool _handlersInstalled;

    private static void InstallHandlers()
    {
        if (_handlersInstalled)
        {
            return;
        }

        TIFFSetWarningHandler(&OnMessage);
        TIFFSetErrorHandler(&OnMessage);
        _handlersInstalled = true;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMessage(byte* module, byte* format, nint arguments)
    {
        var text = new byte[1024];
        fixed (byte* buffer = text)
        {
            int n = vsnprintf(buffer, (nuint)text.Length, format, arguments);
            string message = Encoding.UTF8.GetString(text, 0, Math.Clamp(n, 0, text.Length - 1));
            string where = module is null ? string.Empty : Marshal.PtrToStringUTF8((nint)module) + ": ";
            (_messages ??= []).Add(where + message);
        }
    }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint TIFFOpen(string path, string mode);

    [LibraryImport(Library)]
    private static partial void TIFFClose(nint tif);

    [LibraryImport(Library)]
    private static partial int TIFFReadDirectory(nint tif);

    [LibraryImport(Library)]
    private static partial int TIFFWriteDirectory(nint tif);

    [LibraryImport(Library)]
    private static partial uint TIFFNumberOfStrips(nint tif);

    [LibraryImport(Library)]
    private static partial long TIFFStripSize(nint tif);

    [LibraryImport(Library)]
    private static partial long TIFFScanlineSize(nint tif);

    [LibraryImport(Library)]
    private static partial long TIFFReadEncodedStrip(nint tif, uint strip, byte* buffer, long size);

    [LibraryImport(Library)]
    private static partial long TIFFWriteEncodedStrip(nint tif, uint strip, byte* buffer, long size);

    // TIFFGetField and TIFFSetField are variadic; on x86-64 System V integer and pointer
    // arguments travel exactly as in a fixed-argument call, which is all these uses pass.
    [LibraryImport(Library)]
    private static partial int TIFFGetField(nint tif, uint tag, void* value);

    [LibraryImport(Library)]
    private static partial int TIFFGetField(nint tif, uint tag, ushort** red, ushort** green, ushort** blue);

    [LibraryImport(Library)]
    private static partial int TIFFGetFieldDefaulted(nint tif, uint tag, void* value);

    [LibraryImport(Library)]
    private static partial int TIFFSetField(nint tif, uint tag, int value);

    [LibraryImport(Library)]
    private static partial nint TIFFSetWarningHandler(delegate* unmanaged[Cdecl]<byte*, byte*, nint, void> handler);

    [LibraryImport(Library)]
    private static partial nint TIFFSetErrorHandler(delegate* unmanaged[Cdecl]<byte*, byte*, nint, void> handler);

    [LibraryImport("libc")]
    private static partial int vsnprintf(byte* buffer, nuint size, byte* format, nint arguments);
}
