using System.Diagnostics;
using Faxgate.Imaging;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Pdf;
using Faxgate.Imaging.Tiff;

namespace Faxgate.Cli.Documents;

/// <summary>
/// Loads a document to fax or convert: a TIFF, or a PDF, told apart by their first bytes, not
/// by the file name. A PDF whose pages are fax-like images is read as it is; any other PDF
/// (text, drawings, colour) is rendered by ghostscript, when it is installed, to G4 at
/// 204 x 196 dpi (fax fine resolution) and read from that.
/// </summary>
internal static class DocumentLoader
{
    /// <summary>The resolution ghostscript renders at: 8 pels/mm by 7.7 lines/mm in inches.</summary>
    public const string RenderResolution = "204x196";

    private const string Ghostscript = "gs";
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromMinutes(5);

    /// <exception cref="ImageFormatException">The file is no usable TIFF or PDF, or rendering it failed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static FaxDocument Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("no such file", path);
        }

        var header = new byte[1024];
        int read;
        using (FileStream stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (TiffReader.LooksLikeTiff(header.AsSpan(0, read)))
        {
            return TiffReader.Read(path);
        }

        if (PdfReader.LooksLikePdf(header.AsSpan(0, read)))
        {
            return LoadPdf(path);
        }

        throw new ImageFormatException("not a TIFF or PDF file");
    }

    /// <summary>Whether ghostscript is on the PATH.</summary>
    public static bool CanRender() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, Ghostscript)));

    private static FaxDocument LoadPdf(string path)
    {
        try
        {
            return PdfReader.Read(path);
        }
        catch (ImageFormatException e) when (PdfReader.IsNotBilevelImage(e))
        {
            if (!CanRender())
            {
                throw new ImageFormatException($"{e.Reason}; rendering it needs ghostscript (gs), which is not installed");
            }

            FaxDocument rendered = Render(path);
            return rendered with { Warnings = [$"{e.Reason}: rendered with ghostscript at {RenderResolution} dpi", .. rendered.Warnings] };
        }
    }

    private static FaxDocument Render(string path)
    {
        string output = Path.Combine(Path.GetTempPath(), $"faxgate-render-{Guid.NewGuid():N}.tif");
        try
        {
            var start = new ProcessStartInfo(Ghostscript)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in (string[])["-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffg4", $"-r{RenderResolution}", $"-sOutputFile={output}", "--", Path.GetFullPath(path)])
            {
                start.ArgumentList.Add(argument);
            }

            using Process gs = Process.Start(start) ?? throw new ImageFormatException("ghostscript could not be started");
            Task<string> standardOutput = gs.StandardOutput.ReadToEndAsync();
            Task<string> standardError = gs.StandardError.ReadToEndAsync();
            if (!gs.WaitForExit(RenderTimeout))
            {
                gs.Kill(entireProcessTree: true);
                throw new ImageFormatException($"ghostscript did not render the file within {RenderTimeout.TotalMinutes} minutes");
            }

            string said = (standardError.GetAwaiter().GetResult() + standardOutput.GetAwaiter().GetResult()).Trim();
            if (gs.ExitCode != 0 || !File.Exists(output))
            {
                string first = said.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? $"exit status {gs.ExitCode}";
                throw new ImageFormatException($"ghostscript could not render the file: {first}");
            }

            return TiffReader.Read(output);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
