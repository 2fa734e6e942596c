namespace Faxgate.Fax.T30.Capabilities;

/// <summary>The high-speed modem and data signalling rate that carries TCF and the page (ITU-T T.30 Table 2 bits 11-14).</summary>
public enum SignallingRate
{
    V27ter2400,
    V27ter4800,
    V29At7200,
    V29At9600,
    V17At7200,
    V17At9600,
    V17At12000,
    V17At14400,
}

/// <summary>The modem families a station supports (DIS/DTC bits 11-14), as flags.</summary>
[Flags]
public enum ModemSet
{
    None = 0,
    V27ter = 1,
    V29 = 2,
    V17 = 4,
    All = V27ter | V29 | V17,
}

public static class SignallingRates
{
    /// <summary>Bits per second of the rate.</summary>
    public static int BitsPerSecond(this SignallingRate rate) => rate switch
    {
        SignallingRate.V27ter2400 => 2400,
        SignallingRate.V27ter4800 => 4800,
        SignallingRate.V29At7200 or SignallingRate.V17At7200 => 7200,
        SignallingRate.V29At9600 or SignallingRate.V17At9600 => 9600,
        SignallingRate.V17At12000 => 12000,
        SignallingRate.V17At14400 => 14400,
        _ => throw new ArgumentOutOfRangeException(nameof(rate)),
    };

    /// <summary>The modem family of the rate.</summary>
    public static ModemSet Modem(this SignallingRate rate) => rate switch
    {
        SignallingRate.V27ter2400 or SignallingRate.V27ter4800 => ModemSet.V27ter,
        SignallingRate.V29At7200 or SignallingRate.V29At9600 => ModemSet.V29,
        _ => ModemSet.V17,
    };

    /// <summary>
    /// The next rate to try after a failed training or a retrain request: V.17 steps down through its own rates,
    /// then V.29 9600/7200, then V.27ter 4800/2400. Null when there is nothing lower.
    /// </summary>
    public static SignallingRate? FallBack(this SignallingRate rate) => rate switch
    {
        SignallingRate.V17At14400 => SignallingRate.V17At12000,
        SignallingRate.V17At12000 => SignallingRate.V17At9600,
        SignallingRate.V17At9600 => SignallingRate.V17At7200,
        SignallingRate.V17At7200 => SignallingRate.V29At9600,
        SignallingRate.V29At9600 => SignallingRate.V29At7200,
        SignallingRate.V29At7200 => SignallingRate.V27ter4800,
        SignallingRate.V27ter4800 => SignallingRate.V27ter2400,
        _ => null,
    };
}
