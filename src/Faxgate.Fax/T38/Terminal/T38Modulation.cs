using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T38.Ifp;

namespace Faxgate.Fax.T38.Terminal;

/// <summary>
/// The modulations as T.38 names them, and the time a real modem spends starting each one (the pacing a T.38
/// terminal keeps so that a gateway on the far side can play its signals out in time).
/// </summary>
internal static class T38Modulation
{
    /// <summary>Silence marked by no-signal before a new modulation (T.30 5.3.6 timing, 75 ms).</summary>
    public static readonly TimeSpan NoSignalGap = TimeSpan.FromMilliseconds(75);

    /// <summary>V.21 preamble: one second of flags (T.30 5.3.2: 1 s ± 15 %).</summary>
    public static readonly TimeSpan V21Preamble = TimeSpan.FromSeconds(1);

    /// <summary>Flags after a high-speed training before the first frame.</summary>
    public static readonly TimeSpan HighSpeedFlags = TimeSpan.FromMilliseconds(200);

    public static T38DataType DataType(SignallingRate? rate) => rate switch
    {
        null => T38DataType.V21,
        SignallingRate.V27ter2400 => T38DataType.V27ter2400,
        SignallingRate.V27ter4800 => T38DataType.V27ter4800,
        SignallingRate.V29At7200 => T38DataType.V29At7200,
        SignallingRate.V29At9600 => T38DataType.V29At9600,
        SignallingRate.V17At7200 => T38DataType.V17At7200,
        SignallingRate.V17At9600 => T38DataType.V17At9600,
        SignallingRate.V17At12000 => T38DataType.V17At12000,
        _ => T38DataType.V17At14400,
    };

    /// <summary>The rate of a data type; null for V.21 and for the types a fax terminal does not use.</summary>
    public static SignallingRate? Rate(T38DataType type) => type switch
    {
        T38DataType.V27ter2400 => SignallingRate.V27ter2400,
        T38DataType.V27ter4800 => SignallingRate.V27ter4800,
        T38DataType.V29At7200 => SignallingRate.V29At7200,
        T38DataType.V29At9600 => SignallingRate.V29At9600,
        T38DataType.V17At7200 => SignallingRate.V17At7200,
        T38DataType.V17At9600 => SignallingRate.V17At9600,
        T38DataType.V17At12000 => SignallingRate.V17At12000,
        T38DataType.V17At14400 => SignallingRate.V17At14400,
        _ => null,
    };

    /// <summary>The training indicator of a rate; V.17 trains long before TCF and short before a page (T.30 5.3.6.2.7).</summary>
    public static T38Indicator Training(SignallingRate rate, bool longTraining) => rate switch
    {
        SignallingRate.V27ter2400 => T38Indicator.V27ter2400Training,
        SignallingRate.V27ter4800 => T38Indicator.V27ter4800Training,
        SignallingRate.V29At7200 => T38Indicator.V29At7200Training,
        SignallingRate.V29At9600 => T38Indicator.V29At9600Training,
        SignallingRate.V17At7200 => longTraining ? T38Indicator.V17At7200LongTraining : T38Indicator.V17At7200ShortTraining,
        SignallingRate.V17At9600 => longTraining ? T38Indicator.V17At9600LongTraining : T38Indicator.V17At9600ShortTraining,
        SignallingRate.V17At12000 => longTraining ? T38Indicator.V17At12000LongTraining : T38Indicator.V17At12000ShortTraining,
        _ => longTraining ? T38Indicator.V17At14400LongTraining : T38Indicator.V17At14400ShortTraining,
    };

    /// <summary>The rate whose training the indicator announces; null for the others.</summary>
    public static SignallingRate? TrainedRate(T38Indicator indicator) => indicator switch
    {
        T38Indicator.V27ter2400Training => SignallingRate.V27ter2400,
        T38Indicator.V27ter4800Training => SignallingRate.V27ter4800,
        T38Indicator.V29At7200Training => SignallingRate.V29At7200,
        T38Indicator.V29At9600Training => SignallingRate.V29At9600,
        T38Indicator.V17At7200ShortTraining or T38Indicator.V17At7200LongTraining => SignallingRate.V17At7200,
        T38Indicator.V17At9600ShortTraining or T38Indicator.V17At9600LongTraining => SignallingRate.V17At9600,
        T38Indicator.V17At12000ShortTraining or T38Indicator.V17At12000LongTraining => SignallingRate.V17At12000,
        T38Indicator.V17At14400ShortTraining or T38Indicator.V17At14400LongTraining => SignallingRate.V17At14400,
        _ => null,
    };

    /// <summary>Time the modem takes to train (V.27ter, V.29 and V.17 sequences as SpanDSP paces them).</summary>
    public static TimeSpan TrainingTime(T38Indicator indicator) => TimeSpan.FromMilliseconds(indicator switch
    {
        T38Indicator.V27ter2400Training => 943,
        T38Indicator.V27ter4800Training => 708,
        T38Indicator.V29At7200Training or T38Indicator.V29At9600Training => 234,
        T38Indicator.V17At7200LongTraining or T38Indicator.V17At9600LongTraining
            or T38Indicator.V17At12000LongTraining or T38Indicator.V17At14400LongTraining => 1393,
        T38Indicator.V17At7200ShortTraining or T38Indicator.V17At9600ShortTraining
            or T38Indicator.V17At12000ShortTraining or T38Indicator.V17At14400ShortTraining => 142,
        _ => 0,
    });

    public static int BitsPerSecond(SignallingRate? rate) => rate?.BitsPerSecond() ?? 300;

    /// <summary>Air time of <paramref name="bits"/> at <paramref name="bitsPerSecond"/>.</summary>
    public static TimeSpan AirTime(long bits, int bitsPerSecond) => TimeSpan.FromTicks(bits * TimeSpan.TicksPerSecond / bitsPerSecond);
}
