namespace Faxgate.Storage.Numbers;

/// <summary>What a received fax is mailed as: a PDF, a TIFF Class F file, or both attached to one message.</summary>
public enum AttachmentFormat
{
    Pdf,
    Tiff,
    Both,
}

/// <summary>The names of <see cref="AttachmentFormat"/> as configured, stored and printed: pdf, tiff, both.</summary>
public static class AttachmentFormats
{
    public static IReadOnlyList<string> Names { get; } = ["pdf", "tiff", "both"];

    public static string Name(this AttachmentFormat format) => format switch
    {
        AttachmentFormat.Pdf => "pdf",
        AttachmentFormat.Tiff => "tiff",
        AttachmentFormat.Both => "both",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown attachment format"),
    };

    /// <summary>Reads a name; an unknown one is the operator's mistake.</summary>
    public static AttachmentFormat Parse(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "pdf" => AttachmentFormat.Pdf,
        "tiff" or "tif" => AttachmentFormat.Tiff,
        "both" => AttachmentFormat.Both,
        _ => throw new InvalidRequestException($"unknown attachment format {Addressing.InputText.Quote(name)}: use pdf, tiff or both"),
    };
}
