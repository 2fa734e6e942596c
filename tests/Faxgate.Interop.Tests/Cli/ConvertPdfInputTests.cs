using System.Diagnostics;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Pdf;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Cli;

/// <summary>`faxgate convert` with PDF input: fax PDFs read directly, other PDFs rendered by ghostscript.</summary>
public sealed class ConvertPdfInputTests
{
    [SkippableFact]
    public void A_fax_pdf_converts_to_tiff_with_the_same_pages()
    {
        LibTiff.Require();
        string dir = Repository.NewScratchDirectory("convert-pdf");
        List<BilevelPage> pages =
        [
            TestPages.Document(1728, 2287, 41, PageResolution.Fine),
            TestPages.Document(1728, 1143, 42, PageResolution.Standard),
        ];
        string pdf = Path.Combine(dir, "received.pdf");
        PdfWriter.Write(pdf, pages);
        string input = Path.Combine(dir, "received.dat"); // the content decides, not the name
        File.Move(pdf, input);
        string output = Path.Combine(dir, "out.tif");

        ExternalTool.Result convert = ExternalTool.Faxgate("convert", input, output, "--compression", "mmr");
        Assert.True(convert.ExitCode == 0, convert.Describe("faxgate convert"));
        Assert.Contains("2 page(s)", convert.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", convert.StandardError, StringComparison.Ordinal);

        (List<LibTiff.Page> decoded, List<string> messages) = LibTiff.ReadAll(output);
        Assert.Empty(messages);
        Assert.Equal(pages.Count, decoded.Count);
        for (int i = 0; i < pages.Count; i++)
        {
            PageAssert.SamePixels(decoded[i], pages[i], $"page {i + 1}");
        }

        Assert.Equal([PageResolution.Fine, PageResolution.Standard], TiffReader.Read(output).Pages.Select(p => p.Resolution));
    }

    [SkippableFact]
    public void A_text_pdf_is_rendered_with_ghostscript_at_fine_resolution()
    {
        ExternalTool.Require("gs");
        string dir = Repository.NewScratchDirectory("convert-pdf-gs");
        string pdf = TextPdf(dir);
        string output = Path.Combine(dir, "out.tif");

        ExternalTool.Result convert = ExternalTool.Faxgate("convert", pdf, output);
        Assert.True(convert.ExitCode == 0, convert.Describe("faxgate convert"));
        Assert.Contains("page 1 is not a bilevel image: it has text: rendered with ghostscript at 204x196 dpi", convert.StandardError, StringComparison.Ordinal);

        FaxDocument document = TiffReader.Read(output);
        BilevelPage page = Assert.Single(document.Pages);
        Assert.Equal(PageResolution.Fine, page.Resolution);
        Assert.InRange(page.Width, 1680, 1740); // A4 or Letter, whichever ghostscript's default paper is
        Assert.True(page.Pixels.ContainsAnyExcept((byte)0), "the rendered text is on the page");
    }

    [SkippableFact]
    public void A_text_pdf_without_ghostscript_fails_with_one_line_saying_so()
    {
        ExternalTool.Require("gs");
        string dir = Repository.NewScratchDirectory("convert-pdf-nogs");
        string pdf = TextPdf(dir);
        string output = Path.Combine(dir, "out.tif");
        ExternalTool.Faxgate("--help"); // builds the command when it is stale

        // Only dotnet on the PATH, so that gs is not found.
        string bin = Path.Combine(dir, "bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), ResolveOnPath("dotnet"));
        var start = new ProcessStartInfo(Path.Combine(bin, "dotnet"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PATH"] = bin;
        foreach (string argument in (string[])[Path.Combine(Repository.Root, "artifacts", "faxgate", "faxgate.dll"), "convert", pdf, output])
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)));
        _ = stdout.Result;

        Assert.Equal(1, process.ExitCode);
        Assert.Equal($"faxgate: {pdf}: page 1 is not a bilevel image: it has text; rendering it needs ghostscript (gs), which is not installed", stderr.Trim());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_broken_pdf_fails_with_one_line_and_leaves_no_output()
    {
        string dir = Repository.NewScratchDirectory("convert-pdf-broken");
        string input = Path.Combine(dir, "broken.pdf");
        byte[] pdf = PdfWriter.Write([TestPages.Document(1728, 100, 43).With(coded: null)]);
        File.WriteAllBytes(input, pdf.AsSpan(0, 200).ToArray());
        string output = Path.Combine(dir, "out.pdf");

        ExternalTool.Result convert = ExternalTool.Faxgate("convert", input, output);
        Assert.Equal(1, convert.ExitCode);
        string error = convert.StandardError.Trim();
        Assert.StartsWith($"faxgate: {input}: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.False(File.Exists(output));
    }

    private static string TextPdf(string dir)
    {
        string pdf = Path.Combine(dir, "letter.pdf");
        ExternalTool.Result gs = ExternalTool.Run("gs", "-q", "-dSAFER", "-sDEVICE=pdfwrite", "-o", pdf, "-c", "/Helvetica findfont 20 scalefont setfont 72 700 moveto (Hello) show showpage");
        Assert.True(gs.ExitCode == 0, gs.Describe("gs"));
        return pdf;
    }

    private static string ResolveOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .First(File.Exists);
}
