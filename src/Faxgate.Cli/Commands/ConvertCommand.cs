using System.CommandLine;
using Faxgate.Cli.Documents;
using Faxgate.Imaging;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Pdf;
using Faxgate.Imaging.Tiff;

namespace Faxgate.Cli.Commands;

/// <summary>
/// `faxgate convert IN OUT`: a fax TIFF or PDF to PDF, or to TIFF Class F in another coding or
/// resolution; a PDF that is not fax-like images is rendered with ghostscript (see <see cref="DocumentLoader"/>).
/// The output is written beside OUT and renamed into place, so a failed conversion
/// never leaves a partial file.
/// </summary>
internal static class ConvertCommand
{
    private static readonly Dictionary<string, CodingScheme> Compressions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mh"] = CodingScheme.Mh,
        ["mr"] = CodingScheme.Mr,
        ["mmr"] = CodingScheme.Mmr,
    };

    private static readonly Dictionary<string, PageResolution> Resolutions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["standard"] = PageResolution.Standard,
        ["fine"] = PageResolution.Fine,
        ["superfine"] = PageResolution.Superfine,
    };

    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "Input document: TIFF or PDF" };
        var output = new Argument<string>("OUT") { Description = "Output: .pdf, or .tif/.tiff for TIFF Class F" };
        var compression = new Option<string>("--compression")
        {
            Description = "TIFF output coding: mh (TIFF Class F baseline, default), mr or mmr",
            DefaultValueFactory = _ => "mh",
        };
        compression.AcceptOnlyFromAmong([.. Compressions.Keys]);
        var resolution = new Option<string?>("--resolution")
        {
            Description = "Resample pages to a fax resolution: standard (204x98), fine (204x196) or superfine (204x391)",
        };
        resolution.AcceptOnlyFromAmong([.. Resolutions.Keys]);
        var title = new Option<string?>("--title") { Description = "PDF output: document title (default: the input file name)" };

        var command = new Command("convert", "Convert a fax TIFF or PDF to PDF or to TIFF Class F") { input, output, compression, resolution, title };
        command.SetAction(result => Run(
            result.GetValue(input)!,
            result.GetValue(output)!,
            Compressions[result.GetValue(compression)!],
            result.GetValue(resolution) is { } r ? Resolutions[r] : null,
            result.GetValue(title)));
        return command;
    }

    private static int Run(string input, string output, CodingScheme scheme, PageResolution? resolution, string? title)
    {
        if (!DocumentWriter.IsSupported(output))
        {
            Console.Error.WriteLine($"faxgate: {output}: the output must end in .pdf, .tif or .tiff");
            return ExitCodes.Usage;
        }

        FaxDocument document;
        try
        {
            document = DocumentLoader.Load(input);
        }
        catch (ImageFormatException e)
        {
            Console.Error.WriteLine($"faxgate: {input}: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"faxgate: {input}: {e.Message}");
            return ExitCodes.Failed;
        }

        foreach (string warning in document.Warnings)
        {
            Console.Error.WriteLine($"faxgate: {input}: warning: {warning}");
        }

        List<BilevelPage> pages = resolution is { } r
            ? [.. document.Pages.Select(p => PageResampler.ToResolution(p, r))]
            : [.. document.Pages];

        var info = new PdfDocumentInfo
        {
            Title = title ?? Path.GetFileNameWithoutExtension(input),
            CreationDate = File.GetLastWriteTimeUtc(input),
        };
        if (DocumentWriter.Write(output, pages, info, scheme) is { } failure)
        {
            Console.Error.WriteLine($"faxgate: {output}: {failure}");
            return ExitCodes.Failed;
        }

        Console.WriteLine($"{output}: {pages.Count} page(s), {Describe(pages[0])}{(DocumentWriter.IsPdf(output) ? string.Empty : $", {scheme.ToString().ToUpperInvariant()}")}");
        return ExitCodes.Ok;
    }

    private static string Describe(BilevelPage page) => $"{page.Width}x{page.Height} at {page.Resolution} dpi";
}
