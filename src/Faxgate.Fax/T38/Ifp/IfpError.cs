namespace Faxgate.Fax.T38.Ifp;

/// <summary>What is wrong with an IFP packet that did not parse.</summary>
public enum IfpErrorKind
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The packet ends before the element at the offset is complete.</summary>
    Truncated,

    /// <summary>An indicator packet claims a data field.</summary>
    DataFieldWithIndicator,

    /// <summary>The indicator value is outside the enumeration.</summary>
    UnknownIndicator,

    /// <summary>The data-type value is outside the enumeration.</summary>
    UnknownDataType,

    /// <summary>The field-type value is outside the enumeration.</summary>
    UnknownFieldType,

    /// <summary>The data-field sequence holds more fields than the limit.</summary>
    TooManyFields,

    /// <summary>A field's field-data is longer than the limit.</summary>
    FieldTooLong,

    /// <summary>A fragmented (16K and more) length determinant, which no IFP packet needs.</summary>
    FragmentedLength,

    /// <summary>Octets follow the end of the packet.</summary>
    TrailingBytes,
}

/// <summary>A parse failure: what and at which byte offset of the packet.</summary>
public readonly record struct IfpError(IfpErrorKind Kind, int Offset)
{
    public override string ToString() => $"{Kind} at byte {Offset}";
}
