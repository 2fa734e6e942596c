using Faxgate.Fax.T30.Frames;

namespace Faxgate.Fax.T30.Ecm;

/// <summary>
/// Sends one page in error correction mode (T.4 Annex A, T.30 Annex A): cuts the page's coded data into FCD
/// frames of the negotiated size, groups them into partial pages (blocks) of at most 256 frames numbered 0..255,
/// and after each PPR gives back only the frames the receiver asked for. Sans-IO: it hands out frames and FIFs;
/// the session sends them, handles the responses (MCF, PPR, RNR) and decides CTC or EOR after four PPRs.
/// </summary>
public sealed class PartialPageTransmitter
{
    /// <summary>Frames in a full partial page (T.4 A.3.5: frame numbers are one octet).</summary>
    public const int MaxFramesPerBlock = 256;

    private readonly ReadOnlyMemory<byte> _page;
    private readonly int _frameSize;
    private readonly bool _padLastFrame;
    private readonly int _totalFrames;
    private readonly bool[] _requested = new bool[MaxFramesPerBlock];
    private int _requestedCount;

    /// <summary>
    /// Prepares to send <paramref name="page"/>, the page's coded data as it goes on the line (for ECM without
    /// fill bits; with MMR, ending in EOFB). The data is read, not copied: it must not change until the page is
    /// sent. With <paramref name="padLastFrame"/> the page's last frame is filled up with zero octets to the full
    /// frame size, as SpanDSP does because many receivers expect full frames; zero octets after the end of the
    /// coded data are read as fill by T.4 and T.6 decoders. An empty page is sent as one frame (of zeros).
    /// </summary>
    public PartialPageTransmitter(ReadOnlyMemory<byte> page, EcmFrameSize frameSize, bool padLastFrame = true)
    {
        if (frameSize is not (EcmFrameSize.Octets64 or EcmFrameSize.Octets256))
        {
            throw new ArgumentOutOfRangeException(nameof(frameSize), frameSize, "ECM frames carry 64 or 256 octets");
        }

        _page = page;
        _frameSize = (int)frameSize;
        _padLastFrame = padLastFrame;
        _totalFrames = Math.Max(1, (int)(((long)page.Length + _frameSize - 1) / _frameSize));
        FrameSize = frameSize;
        BlockCount = (_totalFrames + MaxFramesPerBlock - 1) / MaxFramesPerBlock;
        StartBlock();
    }

    /// <summary>The coded data octets per frame.</summary>
    public EcmFrameSize FrameSize { get; }

    /// <summary>Partial pages in the page (at least one).</summary>
    public int BlockCount { get; }

    /// <summary>The partial page being sent, from 0; its low eight bits are the PPS block counter.</summary>
    public int CurrentBlock { get; private set; }

    /// <summary>True when the current partial page is the page's last: its PPS carries the post-page command.</summary>
    public bool IsLastBlock => CurrentBlock == BlockCount - 1;

    /// <summary>Frames in the current partial page, 1..256.</summary>
    public int FramesInBlock => Math.Min(MaxFramesPerBlock, _totalFrames - (CurrentBlock * MaxFramesPerBlock));

    /// <summary>Frames the next <see cref="FramesToSend"/> carries: all of the block at first, then those a PPR asked for.</summary>
    public int RequestedFrames => _requestedCount;

    /// <summary>PPRs received for the current partial page (T.30 A.4: after the fourth, CTC or EOR).</summary>
    public int PprCount { get; private set; }

    /// <summary>
    /// The frames to send now, in order: the FCD frames of the current block that are still wanted (all of them
    /// before the first PPR), then three RCP frames (T.4 A.3.4). Each is a whole HDLC frame without its FCS,
    /// control octet 0x03; the PPS command (<see cref="PpsFif"/>) follows as the final frame.
    /// </summary>
    public IReadOnlyList<byte[]> FramesToSend()
    {
        var frames = new List<byte[]>(_requestedCount + EcmFrames.RcpRepeats);
        int first = CurrentBlock * MaxFramesPerBlock;
        int count = FramesInBlock;
        for (int i = 0; i < count; i++)
        {
            if (_requested[i])
            {
                frames.Add(BuildFcd(first + i, i));
            }
        }

        for (int i = 0; i < EcmFrames.RcpRepeats; i++)
        {
            frames.Add(EcmFrames.Rcp());
        }

        return frames;
    }

    /// <summary>
    /// The FIF of the PPS command that follows the frames (T.30 5.3.6.2, Annex A): <paramref name="postPage"/> is
    /// NULL for every block but the last and the page's post-page command (MPS, EOM, EOP, PRI-*) for the last;
    /// <paramref name="x"/> is the X bit the session sends in its FCFs. The frame count is the whole block's, also
    /// when only some frames were sent again (SpanDSP counts the frames of the burst instead; receivers, SpanDSP's
    /// among them, keep the count of the block's first PPS).
    /// </summary>
    public byte[] PpsFif(FacsimileControlField postPage, int pageCounter, bool x)
    {
        PostPageCommands.Require(postPage);
        if ((postPage == FacsimileControlField.Null) == IsLastBlock)
        {
            throw new ArgumentException(
                IsLastBlock ? "the last partial page of a page carries the post-page command" : "only the last partial page carries a post-page command",
                nameof(postPage));
        }

        return new PpsInfo(postPage, pageCounter & 0xFF, CurrentBlock & 0xFF, FramesInBlock).ToFif(x);
    }

    /// <summary>
    /// Takes a PPR: from now on <see cref="FramesToSend"/> gives the frames it asks for (bits past the end of
    /// the block are ignored). Returns how many frames that is; 0 means the receiver has them all.
    /// </summary>
    public int ApplyPpr(PprBitmap ppr)
    {
        ArgumentNullException.ThrowIfNull(ppr);
        PprCount++;
        _requestedCount = 0;
        for (int i = 0; i < FramesInBlock; i++)
        {
            _requested[i] = ppr.IsRequested(i);
            _requestedCount += _requested[i] ? 1 : 0;
        }

        return _requestedCount;
    }

    /// <summary>Moves on to the next partial page of the page, after MCF (or ERR after EOR) for the current one.</summary>
    public void NextBlock()
    {
        if (IsLastBlock)
        {
            throw new InvalidOperationException("the page has no more partial pages");
        }

        CurrentBlock++;
        StartBlock();
    }

    private void StartBlock()
    {
        PprCount = 0;
        _requestedCount = FramesInBlock;
        Array.Fill(_requested, true);
    }

    private byte[] BuildFcd(int pageFrame, int frameNumber)
    {
        long start = (long)pageFrame * _frameSize;
        int length = (int)Math.Clamp(_page.Length - start, 0, _frameSize);
        ReadOnlySpan<byte> data = _page.Span.Slice((int)start, length);
        return EcmFrames.Fcd(frameNumber, data, _padLastFrame ? _frameSize : length);
    }
}
