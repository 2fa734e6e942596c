using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Pdf;
using Faxgate.Imaging.Tiff;

namespace Faxgate.Cli.Documents;

/// <summary>
/// Writes pages to OUT.pdf or OUT.tif/.tiff (TIFF Class F) the way every verb does: beside OUT first, then renamed
/// into place, so a failure never leaves a partial file.
/// </summary>
internal static class DocumentWriter
{
    /// <summary>Whether the output's name says PDF or TIFF.</summary>
    public static bool IsSupported(string output) =>
        Path.GetExtension(output).ToLowerInvariant() is ".pdf" or ".tif" or ".tiff";

    public static bool IsPdf(string output) =>
        Path.GetExtension(output).Equals(".pdf", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes the pages; null on success, else the reason it failed.</summary>
    public static string? Write(string output, IReadOnlyList<BilevelPage> pages, PdfDocumentInfo pdf, CodingScheme tiffScheme)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, $".{Path.GetFileName(output)}.{Environment.ProcessId}.tmp");
        try
        {
            if (IsPdf(output))
            {
                PdfWriter.Write(temporary, pages, pdf);
            }
            else
            {
                TiffWriter.Write(temporary, pages, new TiffWriteOptions { Scheme = tiffScheme });
            }

            File.Move(temporary, output, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            return e.Message;
        }
    }
}
