namespace Faxgate.Fax.T30.Frames;

/// <summary>
/// The facsimile control field (FCF) of a T.30 frame, as the octet appears on the line. T.30 5.3.6.1 writes each
/// FCF as bits in transmission order; HDLC sends the least significant bit first, so the written pattern is the
/// octet reversed (DIS "0000 0001" is 0x80). In patterns that start with X, that first bit is the octet's bit 0:
/// it is 1 in frames from the station that received a valid DIS (see <see cref="FacsimileControlFields.WithX"/>),
/// and the values here have it cleared.
/// </summary>
public enum FacsimileControlField : byte
{
    /// <summary>No post-page command (in PPS: a partial page that is not the end of a page).</summary>
    Null = 0x00,

    // Initial identification, called to calling (T.30 5.3.6.1.1).
    Dis = 0x80,
    Csi = 0x40,
    Nsf = 0x20,

    // Command to send, from a caller that wants to receive (polling).
    Dtc = 0x81,
    Cig = 0x41,
    Nsc = 0x21,
    Pwd = 0xC1,
    Sep = 0xA1,

    // Commands to receive.
    Dcs = 0x82,
    Tsi = 0x42,
    Nss = 0x22,
    Sub = 0xC2,
    Sid = 0xA2,
    Ctc = 0x12,

    // Pre-message responses.
    Cfr = 0x84,
    Ftt = 0x44,
    Ctr = 0xC4,

    // Post-message commands.
    Eom = 0x8E,
    Mps = 0x4E,
    Eop = 0x2E,
    PriEom = 0x9E,
    PriMps = 0x5E,
    PriEop = 0x3E,
    Pps = 0xBE,
    Eor = 0xCE,
    Rr = 0x6E,

    // Post-message responses.
    Mcf = 0x8C,
    Rtp = 0xCC,
    Rtn = 0x4C,
    Pip = 0xAC,
    Pin = 0x2C,
    Ppr = 0xBC,
    Rnr = 0xEC,
    Err = 0x1C,

    // Other line control.
    Dcn = 0xFA,
    Crp = 0x1A,
    Fnv = 0xCA,

    // T.4 Annex A frames inside an ECM partial page.
    Fcd = 0x06,
    Rcp = 0x86,
}

public static class FacsimileControlFields
{
    /// <summary>The X bit (bit 0 of the octet): set by the station that received a valid DIS.</summary>
    public const byte XBit = 0x01;

    /// <summary>
    /// True for the FCFs whose pattern carries an X bit; DIS, CSI, NSF, DTC and its companions, FCD and RCP do not.
    /// </summary>
    public static bool HasXBit(this FacsimileControlField fcf) =>
        fcf is not (FacsimileControlField.Null or FacsimileControlField.Dis or FacsimileControlField.Csi
            or FacsimileControlField.Nsf or FacsimileControlField.Dtc or FacsimileControlField.Cig
            or FacsimileControlField.Nsc or FacsimileControlField.Pwd or FacsimileControlField.Sep
            or FacsimileControlField.Fcd or FacsimileControlField.Rcp);

    /// <summary>The octet to send: the FCF with the X bit set when <paramref name="x"/> and the FCF has one.</summary>
    public static byte WithX(this FacsimileControlField fcf, bool x) =>
        (byte)((byte)fcf | (x && fcf.HasXBit() ? XBit : 0));

    /// <summary>
    /// The FCF an octet received on the line stands for, X bit removed where the pattern has one.
    /// PWD (0xC1) and SUB (0xC2 with X clear, 0xC3 set) are told apart by that rule.
    /// </summary>
    public static FacsimileControlField FromOctet(byte octet)
    {
        if (Enum.IsDefined((FacsimileControlField)octet) && !((FacsimileControlField)octet).HasXBit())
        {
            return (FacsimileControlField)octet;
        }

        var withoutX = (FacsimileControlField)(octet & ~XBit);
        return withoutX.HasXBit() ? withoutX : (FacsimileControlField)octet;
    }
}
