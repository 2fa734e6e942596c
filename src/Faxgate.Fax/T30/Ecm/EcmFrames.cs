using Faxgate.Fax.T30.Frames;

namespace Faxgate.Fax.T30.Ecm;

/// <summary>
/// The HDLC framing of ECM frames (T.30 5.3.5, T.4 A.3): address 0xFF, control 0x03 for a frame that is not the
/// last one of a transmission or 0x13 for the final frame, then the FCF. The FCS is the HDLC layer's business.
/// </summary>
internal static class EcmFrames
{
    public const byte Address = 0xFF;
    public const byte ControlNonFinal = 0x03;
    public const byte ControlFinal = 0x13;

    /// <summary>Checks a fixed-length FIF: too short (at its end) or too long (at the first extra octet).</summary>
    public static (EcmError Error, int Offset) CheckLength(ReadOnlySpan<byte> fif, int length) =>
        fif.Length < length ? (EcmError.TooShort, fif.Length)
        : fif.Length > length ? (EcmError.TooLong, length)
        : (EcmError.None, 0);

    /// <summary>Address, control and FCF.</summary>
    public const int HeaderLength = 3;

    /// <summary>The most coded data an FCD frame may carry (the larger frame size).</summary>
    public const int MaxFcdData = 256;

    /// <summary>T.4 A.3.4: a partial page ends with three RCP frames, so that one of them gets through.</summary>
    public const int RcpRepeats = 3;

    /// <summary>An FCD frame: header, frame number, coded data (T.4 A.3.3).</summary>
    public static byte[] Fcd(int frameNumber, ReadOnlySpan<byte> data, int length)
    {
        var frame = new byte[HeaderLength + 1 + length];
        frame[0] = Address;
        frame[1] = ControlNonFinal;
        frame[2] = (byte)FacsimileControlField.Fcd;
        frame[3] = (byte)frameNumber;
        data.CopyTo(frame.AsSpan(HeaderLength + 1));
        return frame;
    }

    /// <summary>
    /// RCP, return to control for partial page. It carries no X bit and, like the FCD frames before it, the
    /// non-final control octet: the PPS command that follows is the final frame.
    /// </summary>
    public static byte[] Rcp() => [Address, ControlNonFinal, (byte)FacsimileControlField.Rcp];

    /// <summary>Checks the address and control octets and the FCF (X bit ignored) of a received frame.</summary>
    public static EcmError CheckHeader(ReadOnlySpan<byte> frame, FacsimileControlField fcf, out int offset)
    {
        offset = 0;
        if (frame.Length < HeaderLength)
        {
            offset = frame.Length;
            return EcmError.TooShort;
        }

        if (frame[0] != Address)
        {
            return EcmError.BadAddress;
        }

        offset = 1;
        if (frame[1] is not (ControlNonFinal or ControlFinal))
        {
            return EcmError.BadControl;
        }

        offset = 2;
        if (FacsimileControlFields.FromOctet(frame[2]) != fcf)
        {
            return EcmError.WrongFcf;
        }

        offset = 0;
        return EcmError.None;
    }
}
