namespace Faxgate.Fax.T38.Ifp;

/// <summary>
/// One element of the data-field sequence of an IFP packet: a field type and its field-data (an OCTET STRING of
/// 1 to 65,535 octets), or no field-data when <see cref="Data"/> is empty.
/// </summary>
public readonly struct IfpDataField : IEquatable<IfpDataField>
{
    /// <summary>Largest field-data the ASN.1 allows (SIZE (1..65535)).</summary>
    public const int MaxDataLength = 65535;

    public IfpDataField(T38FieldType type, ReadOnlyMemory<byte> data = default)
    {
        if (data.Length > MaxDataLength)
        {
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, $"field-data holds at most {MaxDataLength} octets");
        }

        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "not a T.38 field type");
        }

        Type = type;
        Data = data;
    }

    public T38FieldType Type { get; }

    /// <summary>The field-data; empty when the field carries none.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    public bool Equals(IfpDataField other) => Type == other.Type && Data.Span.SequenceEqual(other.Data.Span);

    public override bool Equals(object? obj) => obj is IfpDataField other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Type, Data.Length);

    public static bool operator ==(IfpDataField left, IfpDataField right) => left.Equals(right);

    public static bool operator !=(IfpDataField left, IfpDataField right) => !left.Equals(right);

    public override string ToString() => Data.IsEmpty ? Type.ToString() : $"{Type}+{Data.Length}";
}
