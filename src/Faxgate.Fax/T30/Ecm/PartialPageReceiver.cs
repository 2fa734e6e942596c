using Faxgate.Fax.T30.Frames;

namespace Faxgate.Fax.T30.Ecm;

/// <summary>
/// Receives pages in error correction mode (T.4 Annex A, T.30 Annex A): stores the FCD frames of a partial page
/// as they arrive, and on PPS either adds the complete block to the page or says which frames to ask for again
/// (PPR), keeping the frames it has across retransmissions. Sans-IO: the session feeds it frames with a good
/// FCS (a frame with a bad FCS is simply not given: it is a missing frame) and sends the response it implies.
/// </summary>
public sealed class PartialPageReceiver
{
    /// <summary>The default limit on one page's coded data: 16 MiB.</summary>
    public const int DefaultMaxPageBytes = 16 << 20;

    private const int MaxFrames = PartialPageTransmitter.MaxFramesPerBlock;
    private const int Missing = -1;

    private readonly byte[] _block = new byte[MaxFrames * EcmFrames.MaxFcdData];
    private readonly short[] _lengths = new short[MaxFrames];
    private byte[] _page = new byte[16 * 1024];
    private int _pageLength;
    private int _blockFrameCount;       // from the block's first PPS; 0 before it
    private (int Page, int Block)? _lastConfirmed;

    /// <summary>A receiver that expects page counter <paramref name="firstPageCounter"/>, block 0 first.</summary>
    public PartialPageReceiver(int maxPageBytes = DefaultMaxPageBytes, int firstPageCounter = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPageBytes, 1);
        MaxPageBytes = maxPageBytes;
        PageCounter = firstPageCounter & 0xFF;
        Array.Fill(_lengths, (short)Missing);
    }

    /// <summary>The most coded data one page may hold.</summary>
    public int MaxPageBytes { get; }

    /// <summary>The page counter the next PPS should carry (0..255).</summary>
    public int PageCounter { get; private set; }

    /// <summary>The block counter the next PPS should carry (0..255).</summary>
    public int BlockCounter { get; private set; }

    /// <summary>Octets of the current page confirmed so far.</summary>
    public int PageLength => _pageLength;

    /// <summary>Frames of the current block held so far.</summary>
    public int FramesHeld => _lengths.Count(length => length != Missing);

    /// <summary>PPRs answered for the current block.</summary>
    public int PprCount { get; private set; }

    /// <summary>Stores an FCD frame of the current block; a later copy of a frame replaces an earlier one.</summary>
    public void HandleFcd(FcdFrame frame)
    {
        frame.Data.CopyTo(_block.AsSpan(frame.FrameNumber * EcmFrames.MaxFcdData));
        _lengths[frame.FrameNumber] = (short)frame.Data.Length;
    }

    /// <summary>
    /// Ends a burst of frames: with every frame of the block here, adds the block to the page (and hands the page
    /// over when the PPS ends it); otherwise builds the PPR. A PPS that repeats the last confirmed block is
    /// answered as before and adds nothing. The block's frame count is taken from its first PPS: after a PPR,
    /// some transmitters count only the frames sent again.
    /// </summary>
    public PartialPageResult HandlePps(PpsInfo pps)
    {
        if (!IsExpected(pps))
        {
            if (_lastConfirmed == (pps.PageCounter, pps.BlockCounter))
            {
                ClearBlock();
                return new PartialPageResult(PartialPageStatus.Repeated);
            }

            return new PartialPageResult(PartialPageStatus.OutOfSequence);
        }

        if (_blockFrameCount == 0)
        {
            _blockFrameCount = pps.FrameCount;
        }

        int missing = DropUnusableFrames();
        if (missing > 0)
        {
            PprCount++;
            return new PartialPageResult(PartialPageStatus.FramesMissing, missing, MissingFrameMap());
        }

        if (!TryAppendBlock(skipMissing: false))
        {
            return new PartialPageResult(PartialPageStatus.PageTooLarge);
        }

        return CompleteBlock(pps.PostPageCommand, PartialPageStatus.BlockReceived, missing: 0);
    }

    /// <summary>
    /// EOR: the transmitter gives up on the block after four PPRs. The frames that did arrive are added to the
    /// page in order, the missing ones left out, and the page ends when the EOR carries a post-page command.
    /// An EOR with no block under way (a repeat: the far end did not hear our ERR) changes nothing.
    /// </summary>
    public PartialPageResult HandleEor(EorInfo eor)
    {
        if (_blockFrameCount == 0)
        {
            return new PartialPageResult(PartialPageStatus.Repeated);
        }

        int missing = DropUnusableFrames();
        if (!TryAppendBlock(skipMissing: true))
        {
            return new PartialPageResult(PartialPageStatus.PageTooLarge, missing);
        }

        return CompleteBlock(eor.PostPageCommand, PartialPageStatus.BlockAbandoned, missing);
    }

    private bool IsExpected(PpsInfo pps)
    {
        if (pps.PageCounter == PageCounter && pps.BlockCounter == BlockCounter)
        {
            return true;
        }

        // Before anything was confirmed, take the far end's page numbering as it comes (T.30 wants it from 0).
        if (_lastConfirmed is null && BlockCounter == 0 && pps.BlockCounter == 0)
        {
            PageCounter = pps.PageCounter;
            return true;
        }

        return false;
    }

    private PartialPageResult CompleteBlock(FacsimileControlField postPage, PartialPageStatus status, int missing)
    {
        _lastConfirmed = (PageCounter, BlockCounter);
        ClearBlock();
        if (postPage == FacsimileControlField.Null)
        {
            BlockCounter = (BlockCounter + 1) & 0xFF;
            return new PartialPageResult(status, missing);
        }

        byte[] page = _page.AsSpan(0, _pageLength).ToArray();
        _pageLength = 0;
        PageCounter = (PageCounter + 1) & 0xFF;
        BlockCounter = 0;
        return new PartialPageResult(status == PartialPageStatus.BlockReceived ? PartialPageStatus.PageReceived : status, missing, Page: page);
    }

    /// <summary>
    /// Marks as missing the frames that cannot be right, and counts the missing frames of the block. Every frame
    /// but the last has the block's frame size: that of the first such frame when it is 64, else 256 (a
    /// transmitter may pad the last frame or not). A frame of another length is asked for again: some T.38
    /// gateways deliver frames of wrong lengths with a good FCS, and the next copy is usually right.
    /// </summary>
    private int DropUnusableFrames()
    {
        int count = _blockFrameCount;
        int frameSize = 0;
        int missing = 0;
        for (int i = 0; i < count; i++)
        {
            int length = _lengths[i];
            if (length != Missing && i < count - 1)
            {
                frameSize = frameSize == 0 ? (length == (int)EcmFrameSize.Octets64 ? length : EcmFrames.MaxFcdData) : frameSize;
                if (length != frameSize)
                {
                    _lengths[i] = Missing;
                }
            }
            else if (length != Missing && frameSize != 0 && length > frameSize)
            {
                _lengths[i] = Missing;
            }

            missing += _lengths[i] == Missing ? 1 : 0;
        }

        return missing;
    }

    private PprBitmap MissingFrameMap()
    {
        var frames = new List<int>();
        for (int i = 0; i < _blockFrameCount; i++)
        {
            if (_lengths[i] == Missing)
            {
                frames.Add(i);
            }
        }

        return PprBitmap.ForFrames(frames);
    }

    private bool TryAppendBlock(bool skipMissing)
    {
        long total = _pageLength;
        for (int i = 0; i < _blockFrameCount; i++)
        {
            total += Math.Max(0, (int)_lengths[i]);
        }

        if (total > MaxPageBytes)
        {
            return false;
        }

        if (total > _page.Length)
        {
            Array.Resize(ref _page, (int)Math.Min(MaxPageBytes, Math.Max(total, (long)_page.Length * 2)));
        }

        for (int i = 0; i < _blockFrameCount; i++)
        {
            int length = _lengths[i];
            if (length == Missing)
            {
                if (!skipMissing)
                {
                    throw new InvalidOperationException("a block with missing frames cannot be completed");
                }

                continue;
            }

            _block.AsSpan(i * EcmFrames.MaxFcdData, length).CopyTo(_page.AsSpan(_pageLength));
            _pageLength += length;
        }

        return true;
    }

    private void ClearBlock()
    {
        Array.Fill(_lengths, (short)Missing);
        _blockFrameCount = 0;
        PprCount = 0;
    }
}
