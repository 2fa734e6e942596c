namespace Faxgate.Sip.Sdp;

/// <summary>
/// An agreed T.38 stream and what configures the T.38 terminal: where to send UDPTL, the version both speak, the rate
/// management, the error correction and the largest datagram the far end accepts (null if it did not say).
/// </summary>
public sealed record NegotiatedT38(string RemoteAddress, int RemotePort, int Version)
{
    public int MaxBitRate { get; init; } = 14400;

    public T38RateManagement RateManagement { get; init; }

    public T38ErrorCorrection ErrorCorrection { get; init; }

    /// <summary>The far end's T38FaxMaxDatagram: our datagrams must not exceed it.</summary>
    public int? RemoteMaxDatagram { get; init; }

    /// <summary>The far end's T38FaxMaxBuffer.</summary>
    public int? RemoteMaxBuffer { get; init; }
}
