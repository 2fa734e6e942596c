using Faxgate.Sip.Sdp;
using Faxgate.Sip.Transport;

namespace Faxgate.Server.Calls;

/// <summary>
/// One SIP trunk, checked (<see cref="SipSettings.Read"/>). A class, not a record, so that the password never reaches a
/// log through a generated ToString.
/// </summary>
public sealed class TrunkSettings
{
    internal TrunkSettings(
        string name, string host, int port, SipTransportKind transport, string? username, string? password, bool register, TimeSpan registerExpires,
        string? callerId, int maxCalls, IReadOnlyList<AddressRange> allowFrom, T38Preferences t38)
    {
        Name = name;
        Host = host;
        Port = port;
        Transport = transport;
        Username = username;
        Password = password;
        Register = register;
        RegisterExpires = registerExpires;
        CallerId = callerId;
        MaxCalls = maxCalls;
        AllowFrom = allowFrom;
        T38 = t38;
    }

    public string Name { get; }

    /// <summary>A host name or an IP address (IPv6 without brackets).</summary>
    public string Host { get; }

    public int Port { get; }

    public SipTransportKind Transport { get; }

    public string? Username { get; }

    public string? Password { get; }

    public bool Register { get; }

    public TimeSpan RegisterExpires { get; }

    /// <summary>"+" and digits, or digits; null when not configured.</summary>
    public string? CallerId { get; }

    public int MaxCalls { get; }

    /// <summary>The sources whose SIP belongs to this trunk (the Host itself when AllowFrom is empty and Host is an IP).</summary>
    public IReadOnlyList<AddressRange> AllowFrom { get; }

    /// <summary>What this trunk's calls offer and accept for T.38 (MaxBitRate, Version, MaxDatagram from the settings; the rest Faxgate's defaults).</summary>
    public T38Preferences T38 { get; }

    public override string ToString() => $"{Name} ({Transport.Name()}:{Host}:{Port})";
}
