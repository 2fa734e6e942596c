using Faxgate.Fax.T30.Frames;

namespace Faxgate.Fax.T30.Ecm;

/// <summary>
/// The FIF of an EOR (end of retransmission) command, T.30 5.3.6.2 and Annex A: one octet, the post-page command
/// of the abandoned partial page (NULL when it was not the page's last block), with the X bit like the FCF.
/// </summary>
/// <param name="PostPageCommand">NULL, or the post-page command that ends the page with the abandoned block.</param>
public readonly record struct EorInfo(FacsimileControlField PostPageCommand)
{
    /// <summary>Octets in the FIF.</summary>
    public const int Length = 1;

    /// <summary>Reads an EOR FIF, or says what is wrong and at which octet.</summary>
    public static bool TryParse(ReadOnlySpan<byte> fif, out EorInfo eor, out EcmError error, out int offset)
    {
        eor = default;
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

        eor = new EorInfo(command);
        return true;
    }

    /// <summary>Reads an EOR FIF; throws <see cref="EcmFormatException"/> when it is malformed.</summary>
    public static EorInfo Parse(ReadOnlySpan<byte> fif) =>
        TryParse(fif, out EorInfo eor, out EcmError error, out int offset) ? eor : throw new EcmFormatException(error, offset);

    /// <summary>The FIF octet; <paramref name="x"/> sets the X bit of the post-page command, NULL has none.</summary>
    public byte[] ToFif(bool x)
    {
        PostPageCommands.Require(PostPageCommand);
        return [PostPageCommand.WithX(x)];
    }
}
