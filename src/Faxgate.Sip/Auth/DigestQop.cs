namespace Faxgate.Sip.Auth;

/// <summary>The quality of protection of RFC 7616 3.3.</summary>
public enum DigestQop
{
    /// <summary>auth: the request line is protected.</summary>
    Auth = 0,

    /// <summary>auth-int: the body is protected too.</summary>
    AuthInt,
}
