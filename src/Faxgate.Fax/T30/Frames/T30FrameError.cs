namespace Faxgate.Fax.T30.Frames;

/// <summary>Why bytes are not a T.30 control frame (see <see cref="T30Frame.TryParse"/>). Each names the octet at fault: 0, 1, or the FIF.</summary>
public enum T30FrameError
{
    None,

    /// <summary>Fewer than the three octets of address, control and FCF.</summary>
    TooShort,

    /// <summary>Octet 0 is not the HDLC all-stations address 0xFF.</summary>
    BadAddress,

    /// <summary>Octet 1 is neither 0x03 (more frames follow) nor 0x13 (final frame).</summary>
    BadControl,

    /// <summary>The facsimile information field is longer than <see cref="T30Frame.MaxFifLength"/>.</summary>
    FifTooLong,
}
