namespace Faxgate.Server.Calls;

/// <summary>One SIP trunk as configured (section "Sip:Trunks:NAME"), before checking.</summary>
public sealed class TrunkOptions
{
    /// <summary>The trunk's host name or IP address (where calls and REGISTER go).</summary>
    public string? Host { get; set; }

    /// <summary>The trunk's port; null means 5060, or 5061 for tls.</summary>
    public int? Port { get; set; }

    /// <summary>udp, tcp or tls.</summary>
    public string Transport { get; set; } = "udp";

    /// <summary>The digest user name (for REGISTER and for challenged INVITEs).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>True: Faxgate registers with the trunk; false: the trunk is a static peer.</summary>
    public bool Register { get; set; }

    /// <summary>The registration lifetime Faxgate asks for.</summary>
    public int RegisterExpires { get; set; } = 300;

    /// <summary>The number outgoing calls present (E.164 or digits); null leaves it to the caller.</summary>
    public string? CallerId { get; set; }

    /// <summary>Calls this trunk carries at once.</summary>
    public int MaxCalls { get; set; } = 30;

    /// <summary>Source addresses (IP or CIDR) whose SIP belongs to this trunk; empty means the Host when it is an IP address.</summary>
    public List<string> AllowFrom { get; set; } = [];

    /// <summary>The T.38 parameters Faxgate offers and accepts on this trunk.</summary>
    public T38TrunkOptions T38 { get; set; } = new();
}
