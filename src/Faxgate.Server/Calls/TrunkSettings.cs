namespace Faxgate.Server.Calls;

/// <summary>
/// One SIP trunk, checked (<see cref="SipSettings.Read"/>). A class, not a record, so that the password never reaches a
/// log through a generated ToString.
/// </summary>
public sealed class TrunkSettings
{
    internal TrunkSettings(
        string name, string host, int port, SipTransport transport, string? username, string? password, bool register, TimeSpan registerExpires,
        string? callerId, int maxCalls, IReadOnlyList<AddressRange> allowFrom, T38TrunkOptions t38)
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
        T38MaxBitRate = t38.MaxBitRate;
        T38Version = t38.Version;
        T38MaxDatagram = t38.MaxDatagram;
    }

    public string Name { get; }

    /// <summary>A host name or an IP address (IPv6 without brackets).</summary>
    public string Host { get; }

    public int Port { get; }

    public SipTransport Transport { get; }

    public string? Username { get; }

    public string? Password { get; }

    public bool Register { get; }

    public TimeSpan RegisterExpires { get; }

    /// <summary>"+" and digits, or digits; null when not configured.</summary>
    public string? CallerId { get; }

    public int MaxCalls { get; }

    /// <summary>The sources whose SIP belongs to this trunk (the Host itself when AllowFrom is empty and Host is an IP).</summary>
    public IReadOnlyList<AddressRange> AllowFrom { get; }

    public int T38MaxBitRate { get; }

    public int T38Version { get; }

    public int T38MaxDatagram { get; }

    public override string ToString() => $"{Name} ({Transport.Name()}:{Host}:{Port})";
}
