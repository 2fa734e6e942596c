namespace Faxgate.Sip.Auth;

/// <summary>The digest algorithms of RFC 7616 3.3 and RFC 8760 (SIP), weakest first.</summary>
public enum DigestAlgorithm
{
    /// <summary>MD5, the default when a challenge names none.</summary>
    Md5 = 0,

    /// <summary>MD5-sess.</summary>
    Md5Sess,

    /// <summary>SHA-256.</summary>
    Sha256,

    /// <summary>SHA-256-sess.</summary>
    Sha256Sess,

    /// <summary>SHA-512-256: recognised but not supported (the runtime has no SHA-512/256).</summary>
    Sha512Over256,

    /// <summary>SHA-512-256-sess: recognised but not supported.</summary>
    Sha512Over256Sess,
}
