using System.Diagnostics.CodeAnalysis;

namespace Faxgate.Fax.T38.Ifp;

/// <summary>
/// An Internet facsimile protocol packet (T.38 clause 7, ASN.1 of Annex A in ALIGNED PER): either a T30-indicator
/// or T30-data of one data type with a sequence of data fields. The encoding depends on the T.38 version: version 0
/// packs a field without field-data into half an octet (its field-type enumeration has no extension marker), later
/// versions give every field header its own octet(s), as SpanDSP and the gateways in the field do.
/// </summary>
public sealed class IfpPacket : IEquatable<IfpPacket>
{
    /// <summary>Oldest T.38 version this codec speaks.</summary>
    public const int MinVersion = 0;

    /// <summary>Newest T.38 version this codec speaks.</summary>
    public const int MaxVersion = 3;

    /// <summary>Bound on the data-field count that a two-octet length determinant can state.</summary>
    public const int MaxFieldCount = 0x4000;

    private const int RootIndicators = 16;
    private const int RootDataTypes = 9;
    private const int RootFieldTypes = 8;

    private static readonly IfpDataField[] NoFields = [];
    private readonly IfpDataField[] _fields;

    private IfpPacket(T38Indicator? indicator, T38DataType? dataType, IfpDataField[] fields)
    {
        Indicator = indicator;
        DataType = dataType;
        _fields = fields;
    }

    /// <summary>The indicator, for a T30-indicator packet; null for T30-data.</summary>
    public T38Indicator? Indicator { get; }

    /// <summary>The data type, for a T30-data packet; null for an indicator.</summary>
    public T38DataType? DataType { get; }

    /// <summary>The data fields of a T30-data packet, in order; empty for an indicator.</summary>
    public IReadOnlyList<IfpDataField> Fields => _fields;

    public static IfpPacket ForIndicator(T38Indicator indicator) =>
        Enum.IsDefined(indicator)
            ? new IfpPacket(indicator, null, NoFields)
            : throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "not a T.38 indicator");

    public static IfpPacket ForData(T38DataType dataType, params IfpDataField[] fields) =>
        ForData(dataType, (IEnumerable<IfpDataField>)fields);

    public static IfpPacket ForData(T38DataType dataType, IEnumerable<IfpDataField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!Enum.IsDefined(dataType))
        {
            throw new ArgumentOutOfRangeException(nameof(dataType), dataType, "not a T.38 data type");
        }

        IfpDataField[] copy = [.. fields];
        if (copy.Length >= MaxFieldCount)
        {
            throw new ArgumentOutOfRangeException(nameof(fields), copy.Length, $"an IFP packet holds fewer than {MaxFieldCount} fields");
        }

        return new IfpPacket(null, dataType, copy.Length == 0 ? NoFields : copy);
    }

    /// <summary>A T30-data packet with a single field.</summary>
    public static IfpPacket ForData(T38DataType dataType, T38FieldType fieldType, ReadOnlyMemory<byte> data = default) =>
        new(null, Enum.IsDefined(dataType) ? dataType : throw new ArgumentOutOfRangeException(nameof(dataType)), [new IfpDataField(fieldType, data)]);

    /// <summary>Whether the packet can be written in <paramref name="version"/> (version 0 has no extensions).</summary>
    public bool IsRepresentableIn(int version)
    {
        CheckVersion(version);
        if (version > 0)
        {
            return true;
        }

        if (Indicator is { } indicator)
        {
            return (int)indicator < RootIndicators;
        }

        return (int)DataType!.Value < RootDataTypes && _fields.All(f => (int)f.Type < RootFieldTypes);
    }

    /// <summary>Octets <see cref="Write"/> produces for <paramref name="version"/>.</summary>
    public int EncodedLength(int version)
    {
        CheckWritable(version);
        if (Indicator is { } indicator)
        {
            return (int)indicator < RootIndicators ? 1 : 2;
        }

        int length = (int)DataType!.Value < RootDataTypes ? 1 : 2;
        if (_fields.Length == 0)
        {
            return length;
        }

        length += _fields.Length < 0x80 ? 1 : 2;
        bool half = false;
        foreach (IfpDataField field in _fields)
        {
            bool present = !field.Data.IsEmpty;
            if (version == 0)
            {
                length += half ? 0 : 1;
                half = !half && !present;
            }
            else
            {
                length += (int)field.Type < RootFieldTypes ? 1 : 2;
            }

            length += present ? 2 + field.Data.Length : 0;
        }

        return length;
    }

    /// <summary>Writes the packet for <paramref name="version"/>; returns the octets written.</summary>
    public int Write(Span<byte> destination, int version)
    {
        int length = EncodedLength(version);
        if (destination.Length < length)
        {
            throw new ArgumentException($"the packet needs {length} octets, the destination has {destination.Length}", nameof(destination));
        }

        if (Indicator is { } indicator)
        {
            return WriteChoice(destination, 0x00, (int)indicator, RootIndicators);
        }

        int p = WriteChoice(destination, _fields.Length > 0 ? 0xC0 : 0x40, (int)DataType!.Value, RootDataTypes);
        if (_fields.Length == 0)
        {
            return p;
        }

        if (_fields.Length < 0x80)
        {
            destination[p++] = (byte)_fields.Length;
        }
        else
        {
            destination[p++] = (byte)(0x80 | (_fields.Length >> 8));
            destination[p++] = (byte)_fields.Length;
        }

        bool half = false;
        foreach (IfpDataField field in _fields)
        {
            bool present = !field.Data.IsEmpty;
            int type = (int)field.Type;
            if (version == 0)
            {
                // Version 0: one bit of presence and three of field type, with nothing aligning the next field.
                int code = (present ? 0x8 : 0) | type;
                if (half)
                {
                    destination[p - 1] |= (byte)code;
                    half = false;
                }
                else
                {
                    destination[p++] = (byte)(code << 4);
                    half = !present;
                }
            }
            else if (type < RootFieldTypes)
            {
                destination[p++] = (byte)((present ? 0x80 : 0) | (type << 3));
            }
            else
            {
                int extension = type - RootFieldTypes;
                destination[p++] = (byte)((present ? 0x80 : 0) | 0x40 | (extension >> 2));
                destination[p++] = (byte)(extension << 6);
            }

            if (present)
            {
                destination[p++] = (byte)((field.Data.Length - 1) >> 8);
                destination[p++] = (byte)(field.Data.Length - 1);
                field.Data.Span.CopyTo(destination[p..]);
                p += field.Data.Length;
            }
        }

        return p;
    }

    /// <summary>The packet's octets for <paramref name="version"/>.</summary>
    public byte[] ToArray(int version)
    {
        var bytes = new byte[EncodedLength(version)];
        Write(bytes, version);
        return bytes;
    }

    /// <summary>Parses one whole packet: every octet of <paramref name="data"/> must belong to it.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, int version, [NotNullWhen(true)] out IfpPacket? packet, out IfpError error) =>
        TryParse(data, version, IfpLimits.Default, out packet, out error);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, int, out IfpPacket?, out IfpError)"/>
    public static bool TryParse(ReadOnlySpan<byte> data, int version, IfpLimits limits, [NotNullWhen(true)] out IfpPacket? packet, out IfpError error)
    {
        if (!TryParsePrefix(data, version, limits, out packet, out int consumed, out error))
        {
            return false;
        }

        if (consumed != data.Length)
        {
            packet = null;
            error = new IfpError(IfpErrorKind.TrailingBytes, consumed);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Parses the packet at the start of <paramref name="data"/> and says how many octets it took; what follows is
    /// left alone (a packet rebuilt from FEC parity carries zero padding up to the longest packet it covered).
    /// </summary>
    public static bool TryParsePrefix(
        ReadOnlySpan<byte> data, int version, IfpLimits limits, [NotNullWhen(true)] out IfpPacket? packet, out int consumed, out IfpError error)
    {
        CheckVersion(version);
        ArgumentNullException.ThrowIfNull(limits);
        packet = null;
        consumed = 0;
        error = IfpPacketReader.Read(data, version, limits, null, null, out int fieldCount, out T38Indicator? indicator, out T38DataType? dataType, ref consumed);
        if (error.Kind != IfpErrorKind.None)
        {
            return false;
        }

        if (indicator is { } found)
        {
            packet = new IfpPacket(found, null, NoFields);
            return true;
        }

        IfpDataField[] fields = fieldCount == 0 ? NoFields : new IfpDataField[fieldCount];
        if (fieldCount > 0)
        {
            byte[] backing = data[..consumed].ToArray();
            int again = 0;
            IfpPacketReader.Read(backing, version, limits, fields, backing, out _, out _, out _, ref again);
        }

        packet = new IfpPacket(null, dataType, fields);
        return true;
    }

    /// <summary>Parses one whole packet or throws <see cref="FormatException"/> saying what and where.</summary>
    public static IfpPacket Parse(ReadOnlySpan<byte> data, int version, IfpLimits? limits = null) =>
        TryParse(data, version, limits ?? IfpLimits.Default, out IfpPacket? packet, out IfpError error)
            ? packet
            : throw new FormatException($"not an IFP packet: {error}");

    public bool Equals(IfpPacket? other) =>
        other is not null && Indicator == other.Indicator && DataType == other.DataType && _fields.AsSpan().SequenceEqual(other._fields);

    public override bool Equals(object? obj) => Equals(obj as IfpPacket);

    public override int GetHashCode() => HashCode.Combine(Indicator, DataType, _fields.Length);

    public override string ToString() =>
        Indicator is { } indicator ? $"indicator {indicator}" : $"data {DataType} [{string.Join(", ", _fields)}]";

    /// <summary>Type-of-msg: data-field presence, the CHOICE bit, then an extensible enumeration.</summary>
    private static int WriteChoice(Span<byte> destination, int leadingBits, int value, int rootCount)
    {
        if (value < rootCount)
        {
            destination[0] = (byte)(leadingBits | (value << 1));
            return 1;
        }

        // Extension bit, then a normally small whole number (0 flag and six bits) across the octet boundary.
        int extension = value - rootCount;
        destination[0] = (byte)(leadingBits | 0x20 | (extension >> 2));
        destination[1] = (byte)(extension << 6);
        return 2;
    }

    private void CheckWritable(int version)
    {
        if (!IsRepresentableIn(version))
        {
            throw new InvalidOperationException($"{this} uses extensions that T.38 version {version} does not have");
        }
    }

    private static void CheckVersion(int version)
    {
        if (version is < MinVersion or > MaxVersion)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, $"T.38 versions {MinVersion} to {MaxVersion}");
        }
    }
}
