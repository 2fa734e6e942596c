namespace Faxgate.Fax.T30.Ecm;

/// <summary>What is wrong with an ECM frame or facsimile information field received from the far end.</summary>
public enum EcmError
{
    /// <summary>Nothing is wrong.</summary>
    None,

    /// <summary>Fewer octets than the frame or field needs.</summary>
    TooShort,

    /// <summary>More octets than the frame or field may have.</summary>
    TooLong,

    /// <summary>The HDLC address octet is not 0xFF.</summary>
    BadAddress,

    /// <summary>The HDLC control octet is neither 0x03 (non-final) nor 0x13 (final).</summary>
    BadControl,

    /// <summary>The FCF is not the one this parser reads.</summary>
    WrongFcf,

    /// <summary>The post-page octet of PPS or EOR is none of NULL, MPS, EOM, EOP, PRI-MPS, PRI-EOM, PRI-EOP.</summary>
    UnknownPostPageCommand,
}
