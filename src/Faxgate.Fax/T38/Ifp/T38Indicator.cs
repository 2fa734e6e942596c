namespace Faxgate.Fax.T38.Ifp;

/// <summary>
/// The T30-indicator of T.38 clause 7 / Annex A: a signal starting or stopping on the far end's line. The first 16
/// values are the root of the enumeration (one octet on the wire); the rest are the extensions added in version 1
/// for V.8, V.34 and V.33 (two octets), which version 0 cannot carry.
/// </summary>
public enum T38Indicator
{
    NoSignal = 0,
    Cng,
    Ced,
    V21Preamble,
    V27ter2400Training,
    V27ter4800Training,
    V29At7200Training,
    V29At9600Training,
    V17At7200ShortTraining,
    V17At7200LongTraining,
    V17At9600ShortTraining,
    V17At9600LongTraining,
    V17At12000ShortTraining,
    V17At12000LongTraining,
    V17At14400ShortTraining,
    V17At14400LongTraining,

    // Extensions (version 1 and later).
    V8Ansam,
    V8Signal,
    V34ControlChannel1200,
    V34PrimaryChannel,
    V34ControlChannelRetrain,
    V33At12000Training,
    V33At14400Training,
}
