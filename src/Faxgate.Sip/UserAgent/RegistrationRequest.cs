using Faxgate.Sip.Messages;
using Faxgate.Sip.Transport;

namespace Faxgate.Sip.UserAgent;

/// <summary>A registration with a trunk's registrar (RFC 3261 10): our address of record and how long to stay registered.</summary>
public sealed record RegistrationRequest(string Name, SipUri Registrar, SipEndPoint Destination, NameAddress AddressOfRecord)
{
    public DigestCredentialsSource? Credentials { get; init; }

    public TimeSpan Expires { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The user part of our Contact; the address of record's user when null.</summary>
    public string? ContactUser { get; init; }
}
