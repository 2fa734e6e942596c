namespace Faxgate.Storage.Documents;

/// <summary>What a stored document is (documents.kind).</summary>
public static class DocumentKinds
{
    /// <summary>One received or rendered fax page.</summary>
    public const string Page = "page";

    public const string Pdf = "pdf";

    public const string Tiff = "tiff";

    /// <summary>A document as it arrived for sending (an email attachment), before rendering.</summary>
    public const string Source = "source";

    public static bool IsKnown(string? kind) => kind is Page or Pdf or Tiff or Source;
}
