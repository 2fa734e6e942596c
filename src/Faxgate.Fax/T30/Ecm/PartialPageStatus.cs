namespace Faxgate.Fax.T30.Ecm;

/// <summary>What a PPS (or EOR) did to the partial page being received, and so which response the session sends.</summary>
public enum PartialPageStatus
{
    /// <summary>Every frame of the block is here and was added to the page, which goes on: answer MCF.</summary>
    BlockReceived,

    /// <summary>The block was the page's last and the page is complete (<see cref="PartialPageResult.Page"/>): answer MCF.</summary>
    PageReceived,

    /// <summary>
    /// The PPS repeats a block already confirmed: the far end did not hear our MCF. Nothing was added; answer
    /// MCF again.
    /// </summary>
    Repeated,

    /// <summary>Frames are missing: answer PPR with <see cref="PartialPageResult.Ppr"/>.</summary>
    FramesMissing,

    /// <summary>The PPS names a page or block that is neither the one expected nor the last one confirmed.</summary>
    OutOfSequence,

    /// <summary>Adding the block would make the page larger than the configured limit.</summary>
    PageTooLarge,

    /// <summary>
    /// EOR: the far end gave up on the block. What arrived of it was added to the page (missing frames left
    /// out); answer ERR. <see cref="PartialPageResult.Page"/> is set when the EOR ended the page.
    /// </summary>
    BlockAbandoned,
}
