namespace Faxgate.Imaging.Pages;

/// <summary>
/// What a decoder found in one page: the counts a T.30 receiver judges a page by
/// (MCF, RTP or RTN) and that TIFF Class F records in BadFaxLines and ConsecutiveBadFaxLines.
/// </summary>
/// <param name="Lines">Rows in the page as delivered, including replaced ones.</param>
/// <param name="BadLines">Rows that did not decode and were replaced by the previous good row.</param>
/// <param name="LongestBadRun">The longest run of consecutive bad rows.</param>
/// <param name="Truncated">The data ended, or could no longer be decoded, before the page was complete.</param>
/// <param name="Error">The first decoding problem, in words, with its position; null when the page was clean.</param>
public sealed record LineQuality(int Lines, int BadLines, int LongestBadRun, bool Truncated, string? Error)
{
    public bool IsClean => BadLines == 0 && !Truncated;
}
