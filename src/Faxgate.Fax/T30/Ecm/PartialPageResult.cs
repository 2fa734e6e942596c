namespace Faxgate.Fax.T30.Ecm;

/// <summary>The outcome of a PPS or EOR for the partial page being received.</summary>
/// <param name="Status">What happened, which decides the response.</param>
/// <param name="MissingFrames">Frames of the block that did not arrive (for PPR, and for statistics after EOR).</param>
/// <param name="Ppr">The PPR FIF to answer with, when <see cref="PartialPageStatus.FramesMissing"/>.</param>
/// <param name="Page">The page's coded data, when this block completed the page.</param>
public sealed record PartialPageResult(PartialPageStatus Status, int MissingFrames = 0, PprBitmap? Ppr = null, byte[]? Page = null);
