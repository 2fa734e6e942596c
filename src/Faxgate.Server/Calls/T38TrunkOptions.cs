namespace Faxgate.Server.Calls;

/// <summary>The T.38 session parameters of a trunk (section "Sip:Trunks:NAME:T38").</summary>
public sealed class T38TrunkOptions
{
    /// <summary>T38MaxBitRate: the fastest fax modem rate offered (2400, 4800, 7200, 9600, 12000 or 14400).</summary>
    public int MaxBitRate { get; set; } = 14400;

    /// <summary>T38FaxVersion offered (0-3); the lower of both ends is used.</summary>
    public int Version { get; set; }

    /// <summary>T38FaxMaxDatagram: the largest UDPTL datagram Faxgate takes, in bytes.</summary>
    public int MaxDatagram { get; set; } = 400;
}
