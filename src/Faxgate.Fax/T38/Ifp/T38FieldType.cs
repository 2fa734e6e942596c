namespace Faxgate.Fax.T38.Ifp;

/// <summary>
/// The field-type of one data field in a T30-data IFP packet (T.38 Annex A). The first eight are the root (three
/// bits in version 0, whose enumeration has no extension marker); cm-message, jm-message, ci-message and v34rate
/// are extensions carried from version 1 on.
/// </summary>
public enum T38FieldType
{
    HdlcData = 0,
    HdlcSigEnd,
    HdlcFcsOk,
    HdlcFcsBad,
    HdlcFcsOkSigEnd,
    HdlcFcsBadSigEnd,
    T4NonEcmData,
    T4NonEcmSigEnd,

    // Extensions (version 1 and later; defined for V.34 in version 2).
    CmMessage,
    JmMessage,
    CiMessage,
    V34Rate,
}
