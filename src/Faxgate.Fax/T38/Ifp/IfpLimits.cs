namespace Faxgate.Fax.T38.Ifp;

/// <summary>Limits the IFP parser keeps to, checked before anything is copied.</summary>
public sealed record IfpLimits
{
    /// <summary>Most data fields in one packet (a T.38 terminal sends one to three).</summary>
    public int MaxFields { get; init; } = 64;

    /// <summary>Longest field-data accepted, in octets (the ASN.1 allows 65,535).</summary>
    public int MaxFieldLength { get; init; } = IfpDataField.MaxDataLength;

    public static IfpLimits Default { get; } = new();
}
