using Faxgate.Fax.T30.Frames;

namespace Faxgate.Fax.T30.Ecm;

/// <summary>
/// The FIF of a PPS (partial page signal) command, T.30 5.3.6.2 and Annex A: four octets, the post-page command
/// (NULL inside a page, else MPS/EOM/EOP/PRI-*, with the X bit like any FCF: 0x4F is MPS from the caller), the
/// page counter and the block counter (both modulo 256, the block counter restarting at 0 on each page), and
/// the number of frames in the partial page minus one.
/// </summary>
/// <param name="PostPageCommand">NULL, or the post-page command that ends the page with this block.</param>
/// <param name="PageCounter">The page, counted from 0, modulo 256.</param>
/// <param name="BlockCounter">The partial page within its page, counted from 0, modulo 256.</param>
/// <param name="FrameCount">Frames in the partial page, 1..256.</param>
public readonly record struct PpsInfo(FacsimileControlField PostPageCommand, int PageCounter, int BlockCounter, int FrameCount)
{
    /// <summary>Octets in the FIF.</summary>
    public const int Length = 4;

    /// <summary>True when the block is the last of its page (the post-page command is not NULL).</summary>
    public bool EndsPage => PostPageCommand != FacsimileControlField.Null;

    /// <summary>Reads a PPS FIF (the octets after the FCF), or says what is wrong and at which octet.</summary>
    public static bool TryParse(ReadOnlySpan<byte> fif, out PpsInfo pps, out EcmError error, out int offset)
    {
        pps = default;
        (error, offset) = EcmFrames.CheckLength(fif, Length);
        if (error != EcmError.None)
        {
            return false;
        }

        if (!PostPageCommands.TryRead(fif[0], out FacsimileControlField command))
        {
            error = EcmError.UnknownPostPageCommand;
            return false;
        }

        pps = new PpsInfo(command, fif[1], fif[2], fif[3] + 1);
        return true;
    }

    /// <summary>Reads a PPS FIF; throws <see cref="EcmFormatException"/> when it is malformed.</summary>
    public static PpsInfo Parse(ReadOnlySpan<byte> fif) =>
        TryParse(fif, out PpsInfo pps, out EcmError error, out int offset) ? pps : throw new EcmFormatException(error, offset);

    /// <summary>
    /// The four FIF octets; <paramref name="x"/> sets the X bit of the post-page command (as of the PPS FCF),
    /// NULL has none. Counters are taken modulo 256.
    /// </summary>
    public byte[] ToFif(bool x)
    {
        PostPageCommands.Require(PostPageCommand);
        ArgumentOutOfRangeException.ThrowIfLessThan(FrameCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(FrameCount, 256);
        return [PostPageCommand.WithX(x), (byte)PageCounter, (byte)BlockCounter, (byte)(FrameCount - 1)];
    }
}
