namespace Faxgate.Sip.Auth;

/// <summary>What is wrong with a WWW-Authenticate or Proxy-Authenticate value that gave no usable challenge.</summary>
public enum DigestErrorKind
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The value is longer than the limit.</summary>
    TooLong,

    /// <summary>A parameter value is longer than the limit.</summary>
    ValueTooLong,

    /// <summary>More parameters than the limit.</summary>
    TooManyParameters,

    /// <summary>A control character (CR, LF, NUL, ...) in the value.</summary>
    InvalidCharacter,

    /// <summary>A quoted string without its closing quote.</summary>
    UnterminatedQuotedString,

    /// <summary>A parameter without a value, or text where a parameter belongs.</summary>
    MalformedParameter,

    /// <summary>A parameter given twice in one challenge.</summary>
    DuplicateParameter,

    /// <summary>No Digest challenge at all (only other schemes, or nothing).</summary>
    NotDigest,

    /// <summary>A Digest challenge without realm.</summary>
    MissingRealm,

    /// <summary>A Digest challenge without nonce.</summary>
    MissingNonce,

    /// <summary>Digest challenges, but none with an algorithm Faxgate computes (unknown ones, or SHA-512-256).</summary>
    UnsupportedAlgorithm,
}
