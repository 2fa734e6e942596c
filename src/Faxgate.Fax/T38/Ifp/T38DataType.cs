namespace Faxgate.Fax.T38.Ifp;

/// <summary>
/// The data-type of a T30-data IFP packet (T.38 Annex A): the modulation the data was or will be carried on. The
/// first nine are the root of the enumeration; V.8, V.34 and V.33 are extensions from version 1 on.
/// </summary>
public enum T38DataType
{
    V21 = 0,
    V27ter2400,
    V27ter4800,
    V29At7200,
    V29At9600,
    V17At7200,
    V17At9600,
    V17At12000,
    V17At14400,

    // Extensions (version 1 and later).
    V8,
    V34PrimaryRate,
    V34ControlChannel1200,
    V34PrimaryChannel,
    V33At12000,
    V33At14400,
}
