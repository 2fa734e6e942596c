using Faxgate.Imaging;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;

namespace Faxgate.Bench;

/// <summary>
/// One coding scheme as both sides code it into TIFF: the libtiff compression and T4Options,
/// and Faxgate encoder options that do the same work, with the files each side writes.
/// </summary>
public sealed class SchemeBench
{
    private SchemeBench(CodingScheme scheme, int compression, int t4Options, EncoderOptions encoder, string directory)
    {
        Scheme = scheme;
        Compression = compression;
        T4Options = t4Options;
        Encoder = encoder;
        string name = Name.ToLowerInvariant();
        FaxgateFile = Path.Combine(directory, $"{name}-faxgate.tif");
        LibTiffFile = Path.Combine(directory, $"{name}-libtiff.tif");
        FaxgateEncodeTarget = Path.Combine(directory, $"{name}-faxgate-encode.tif");
        LibTiffEncodeTarget = Path.Combine(directory, $"{name}-libtiff-encode.tif");
    }

    public CodingScheme Scheme { get; }

    public string Name => Scheme.ToString().ToUpperInvariant();

    /// <summary>TIFF Compression: 3 (T.4) or 4 (T.6).</summary>
    public int Compression { get; }

    /// <summary>TIFF T4Options for compression 3: bit 0 two-dimensional, bit 2 fill bits.</summary>
    public int T4Options { get; }

    /// <summary>Faxgate's coding, the same as libtiff's for this compression and these options.</summary>
    public EncoderOptions Encoder { get; }

    /// <summary>Written once by Faxgate and checked: the input of the "Faxgate-written file" decodes.</summary>
    public string FaxgateFile { get; }

    /// <summary>Written once by libtiff and checked: the input both sides decode.</summary>
    public string LibTiffFile { get; }

    /// <summary>Where Faxgate's timed encodes go.</summary>
    public string FaxgateEncodeTarget { get; }

    /// <summary>Where libtiff's timed encodes go.</summary>
    public string LibTiffEncodeTarget { get; }

    public static IReadOnlyList<SchemeBench> All(string directory) =>
    [
        // MH: compression 3, T4Options 4 (1D, fill bits): an EOL before every line, ending on a byte boundary.
        new(CodingScheme.Mh, 3, 4, EncoderOptions.ForTiff(CodingScheme.Mh, PageResolution.Fine, fillBits: true), directory),

        // MR: compression 3, T4Options 5 (2D, fill bits). libtiff takes K from YResolution, which
        // its writer here does not set, so it codes a 1D line every 2 rows: Faxgate does the same.
        new(CodingScheme.Mr, 3, 5, new EncoderOptions { Scheme = CodingScheme.Mr, K = 2, EndOfLine = true, AlignEol = true, EndOfPage = false }, directory),

        // MMR: compression 4, no EOLs, no EOFB.
        new(CodingScheme.Mmr, 4, 0, EncoderOptions.ForTiff(CodingScheme.Mmr, PageResolution.Fine), directory),
    ];

    /// <summary>Faxgate's encode: every page coded by <see cref="LineEncoder"/>, written by <see cref="TiffWriter"/>.</summary>
    public void EncodeWithFaxgate(IReadOnlyList<BilevelPage> pages, string path)
    {
        // TiffWriter codes pages itself with EncoderOptions.ForTiff, whose K follows the page's
        // resolution (4 at fine). To code MR with libtiff's K, the pages are coded here and
        // handed over with their coded form, which the writer embeds as it is. The work is the
        // same for every scheme: LineEncoder.Encode on every page, then the TIFF file.
        var coded = new BilevelPage[pages.Count];
        for (int i = 0; i < coded.Length; i++)
        {
            coded[i] = pages[i].With(coded: LineEncoder.EncodeToCodedPage(pages[i], Encoder));
        }

        TiffWriter.Write(path, coded, new TiffWriteOptions { Scheme = Scheme, FillBits = Encoder.AlignEol });
    }

    public void EncodeWithLibTiff(IReadOnlyList<BilevelPage> pages, string path) =>
        LibTiff.Write(path, pages, Compression, T4Options);

    /// <summary>Faxgate's decode: the file read and every page decoded by <see cref="TiffReader"/>.</summary>
    public static int DecodeWithFaxgate(string path) => TiffReader.Read(path).Pages.Count;

    /// <summary>libtiff's decode: every strip of every page decoded into one buffer.</summary>
    public static int DecodeWithLibTiff(string path, byte[] buffer) => LibTiff.DecodeAllStrips(path, buffer);

    /// <summary>
    /// Writes <see cref="FaxgateFile"/> and <see cref="LibTiffFile"/> and checks that each decodes,
    /// in both Faxgate and libtiff, to exactly the source pixels. Returns the problems found.
    /// </summary>
    public List<string> WriteAndVerify(IReadOnlyList<BilevelPage> pages, byte[] buffer, out string summary)
    {
        var problems = new List<string>();
        EncodeWithFaxgate(pages, FaxgateFile);
        EncodeWithLibTiff(pages, LibTiffFile);

        FaxDocument faxgateByFaxgate = CheckWithFaxgate(FaxgateFile, "Faxgate-written file read by Faxgate", pages, problems);
        CheckWithLibTiff(FaxgateFile, "Faxgate-written file read by libtiff", pages, problems);
        CheckWithLibTiff(LibTiffFile, "libtiff-written file read by libtiff", pages, problems);
        FaxDocument libTiffByFaxgate = CheckWithFaxgate(LibTiffFile, "libtiff-written file read by Faxgate", pages, problems);

        // The timed libtiff decode: every page, and the last one (left in the buffer) exact.
        int decoded = DecodeWithLibTiff(LibTiffFile, buffer);
        if (decoded != pages.Count)
        {
            problems.Add($"{Name}: libtiff's strip decode found {decoded} pages, not {pages.Count}");
        }
        else if (!buffer.AsSpan(0, pages[^1].Pixels.Length).SequenceEqual(pages[^1].Pixels))
        {
            problems.Add($"{Name}: libtiff's strip decode of the last page differs from the source");
        }

        // Whether both encoders produced the same bits (the TIFF around them differs).
        int identical = 0;
        if (faxgateByFaxgate.Pages.Count == pages.Count && libTiffByFaxgate.Pages.Count == pages.Count)
        {
            for (int i = 0; i < pages.Count; i++)
            {
                byte[]? ours = faxgateByFaxgate.Pages[i].Coded?.Data;
                byte[]? theirs = libTiffByFaxgate.Pages[i].Coded?.Data;
                identical += ours is not null && theirs is not null && ours.AsSpan().SequenceEqual(theirs) ? 1 : 0;
            }
        }

        summary = $"{Name}: Faxgate file {new FileInfo(FaxgateFile).Length:N0} bytes, libtiff file {new FileInfo(LibTiffFile).Length:N0} bytes; "
            + $"coded data identical on {identical} of {pages.Count} pages";
        return problems;
    }

    private FaxDocument CheckWithFaxgate(string path, string what, IReadOnlyList<BilevelPage> pages, List<string> problems)
    {
        FaxDocument document;
        try
        {
            document = TiffReader.Read(path);
        }
        catch (ImageFormatException e)
        {
            problems.Add($"{Name}: {what}: {e.Message}");
            return new FaxDocument([]);
        }

        // Warnings about the file rather than the coded data (libtiff's writer here records no
        // resolution, for one) are not codec errors: damaged or missing lines show in the pages' Quality.
        foreach (string warning in document.Warnings.Where(w => !w.Contains("resolution", StringComparison.Ordinal)))
        {
            problems.Add($"{Name}: {what}: warning: {warning}");
        }

        if (document.Pages.Count != pages.Count)
        {
            problems.Add($"{Name}: {what}: {document.Pages.Count} pages, not {pages.Count}");
            return document;
        }

        for (int i = 0; i < pages.Count; i++)
        {
            BilevelPage page = document.Pages[i];
            if (!page.SamePixels(pages[i]))
            {
                problems.Add($"{Name}: {what}: page {i + 1} differs from the source");
            }
            else if (page.Quality is { IsClean: false } quality)
            {
                problems.Add($"{Name}: {what}: page {i + 1}: {quality.Error}");
            }
        }

        return document;
    }

    private void CheckWithLibTiff(string path, string what, IReadOnlyList<BilevelPage> pages, List<string> problems)
    {
        (List<LibTiff.Page> decoded, List<string> messages) = LibTiff.ReadAll(path);
        foreach (string message in messages)
        {
            problems.Add($"{Name}: {what}: libtiff says: {message}");
        }

        if (decoded.Count != pages.Count)
        {
            problems.Add($"{Name}: {what}: {decoded.Count} pages, not {pages.Count}");
            return;
        }

        for (int i = 0; i < pages.Count; i++)
        {
            LibTiff.Page page = decoded[i];
            if (page.Compression != Compression)
            {
                problems.Add($"{Name}: {what}: page {i + 1} has compression {page.Compression}, not {Compression}");
            }

            if (page.Width != pages[i].Width || page.Height != pages[i].Height || !page.Pixels.AsSpan().SequenceEqual(pages[i].Pixels))
            {
                problems.Add($"{Name}: {what}: page {i + 1} differs from the source");
            }
        }
    }
}
