using Faxgate.Fax.T30.Capabilities;

namespace Faxgate.Fax.T30.Session;

/// <summary>The pages a sending session transmits; the session asks for each page coded the way Phase B agreed.</summary>
public interface IFaxDocument
{
    int PageCount { get; }

    /// <summary>Width, resolution and height of a page as it is, so the session can choose a mode for it.</summary>
    PageRequirement Describe(int index);

    /// <summary>
    /// The page coded for transmission in <paramref name="mode"/>: resampled to the mode's resolution and width where
    /// needed, coded with its compression, in the most-significant-bit-first order; T.4 ends with RTC and respects
    /// <paramref name="minLineBits"/>; T.6 ends with EOFB.
    /// </summary>
    byte[] Encode(int index, DcsParameters mode, int minLineBits);
}
