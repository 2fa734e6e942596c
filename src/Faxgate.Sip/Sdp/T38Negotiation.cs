namespace Faxgate.Sip.Sdp;

/// <summary>The T.38 rules of offer/answer (T.38 Annex D.2.3 and the practice of the deployed gateways).</summary>
internal static class T38Negotiation
{
    /// <summary>
    /// Our answer to offered parameters: the lower version and bit rate; their rate management when we take it;
    /// their error correction when we take it (FEC falls back to redundancy); no fill-bit removal or transcoding;
    /// our own buffer and datagram sizes, which say what we receive.
    /// </summary>
    public static T38Parameters Answer(T38Parameters offered, T38Preferences ours)
    {
        T38RateManagement management = offered.RateManagement switch
        {
            T38RateManagement.LocalTcf when ours.AcceptsLocalTcf => T38RateManagement.LocalTcf,
            T38RateManagement.TransferredTcf => T38RateManagement.TransferredTcf,
            _ => ours.RateManagement,
        };
        T38ErrorCorrection correction = offered.ErrorCorrection switch
        {
            T38ErrorCorrection.Fec => ours.AcceptsFec ? T38ErrorCorrection.Fec : T38ErrorCorrection.Redundancy,
            T38ErrorCorrection.Redundancy => T38ErrorCorrection.Redundancy,
            _ => T38ErrorCorrection.None,
        };
        return new T38Parameters
        {
            Version = Math.Min(ours.Version, offered.Version),
            MaxBitRate = Math.Min(ours.MaxBitRate, offered.MaxBitRate ?? ours.MaxBitRate),
            RateManagement = management,
            MaxBuffer = ours.MaxBuffer,
            MaxDatagram = ours.MaxDatagram,
            ErrorCorrection = correction,
        };
    }

    /// <summary>What configures our terminal from the far end's parameters and what we agreed to.</summary>
    public static NegotiatedT38 Agreed(string address, int port, T38Parameters far, T38Parameters agreed) =>
        new(address, port, Math.Min(far.Version, agreed.Version))
        {
            MaxBitRate = Math.Min(far.MaxBitRate ?? agreed.MaxBitRate ?? 14400, agreed.MaxBitRate ?? 14400),
            RateManagement = agreed.RateManagement ?? T38RateManagement.TransferredTcf,
            ErrorCorrection = agreed.ErrorCorrection ?? T38ErrorCorrection.None,
            RemoteMaxDatagram = far.MaxDatagram,
            RemoteMaxBuffer = far.MaxBuffer,
        };
}
