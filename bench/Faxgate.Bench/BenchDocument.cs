using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;

namespace Faxgate.Bench;

/// <summary>
/// The document both codecs work on: real fax pages (the ITU-T test charts and a received fax
/// from the shared corpus, or text rendered by Ghostscript), cycled to the page count asked for
/// and labelled A4 fine (204x196 dpi). Every page gets its own copy of the pixels, as the pages
/// of a real document would, and carries no coded form, so every encoder starts from pixels.
/// </summary>
public sealed record BenchDocument(IReadOnlyList<BilevelPage> Pages, string Source, int DistinctPages)
{
    private const int GhostscriptWidth = 1728;
    private const int GhostscriptHeight = 2292;  // A4 (297 mm) at 7.7 lines/mm

    public int Width => Pages[0].Width;

    public long TotalRows => Pages.Sum(p => (long)p.Height);

    /// <summary>The largest page in bytes: what a libtiff strip buffer must hold.</summary>
    public int LargestPageBytes => Pages.Max(p => p.Pixels.Length);

    public static BenchDocument Load(BenchOptions options, string scratch)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? corpus = CorpusRoot();
        bool useCorpus = options.Source switch
        {
            DocumentSource.Corpus => corpus is not null ? true : throw new InvalidOperationException("the shared corpus (../shared/corpus or FAXGATE_CORPUS) is not present"),
            DocumentSource.Ghostscript => false,
            _ => corpus is not null,
        };

        (List<BilevelPage> sources, string description) = useCorpus
            ? FromCorpus(corpus!)
            : FromGhostscript(scratch);
        var pages = new List<BilevelPage>(options.Pages);
        for (int i = 0; i < options.Pages; i++)
        {
            BilevelPage source = sources[i % sources.Count];
            pages.Add(new BilevelPage(source.Width, source.Height, PageResolution.Fine, source.ToArray()));
        }

        if (pages.Any(p => p.Width != pages[0].Width))
        {
            throw new InvalidOperationException("the source pages are not all of one width");
        }

        return new BenchDocument(pages, description, sources.Count);
    }

    /// <summary>The shared corpus (FAXGATE_CORPUS, or ../shared/corpus beside the repository); null when absent.</summary>
    private static string? CorpusRoot()
    {
        try
        {
            return Corpus.Root;
        }
        catch (InvalidOperationException)
        {
            return null;  // run from outside the repository: there is no "beside the repository"
        }
    }

    private static (List<BilevelPage> Pages, string Description) FromCorpus(string root)
    {
        string charts = Path.Combine(root, "fax", "itu-charts");
        string received = Path.Combine(root, "fax", "real", "g3aoe.tif");
        var files = Directory.EnumerateFiles(charts)
            .Where(f => Path.GetExtension(f).Equals(".tif", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0 || !File.Exists(received))
        {
            throw new InvalidOperationException($"the corpus at {root} lacks fax/itu-charts/*.TIF or fax/real/g3aoe.tif");
        }

        files.Add(received);
        var pages = new List<BilevelPage>();
        var notes = new List<string>();
        foreach (string file in files)
        {
            FaxDocument document = TiffReader.Read(file);
            foreach (BilevelPage page in document.Pages)
            {
                if (page.Quality is { IsClean: false } quality)
                {
                    notes.Add($"{Path.GetFileName(file)} as received, {quality.BadLines} damaged line(s) concealed");
                }

                pages.Add(page);
            }
        }

        string note = notes.Count == 0 ? string.Empty : $" ({string.Join("; ", notes)})";
        return (pages, $"shared corpus {root}: {files.Count - 1} ITU-T test charts (fax/itu-charts) and a received fax (fax/real/g3aoe.tif){note}");
    }

    private static (List<BilevelPage> Pages, string Description) FromGhostscript(string scratch)
    {
        if (!ExternalTool.Exists("gs"))
        {
            throw new InvalidOperationException("neither the shared corpus nor Ghostscript (gs; ./test.sh installs it) is available");
        }

        string postScript = Path.Combine(scratch, "document.ps");
        string tiff = Path.Combine(scratch, "document.tif");
        File.WriteAllText(postScript, PostScriptDocument.Generate(pages: 8));
        ExternalTool.Result result = ExternalTool.Run(
            "gs",
            "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffg4", "-r204x196",
            $"-g{GhostscriptWidth}x{GhostscriptHeight}", $"-sOutputFile={tiff}", postScript);
        if (result.ExitCode != 0 || !File.Exists(tiff))
        {
            throw new InvalidOperationException(result.Describe("gs"));
        }

        var pages = TiffReader.Read(tiff).Pages.ToList();
        return (pages, $"{pages.Count} pages of text, rules and boxes rendered by Ghostscript (tiffg4, 204x196 dpi)");
    }
}
