namespace Faxgate.Fax.T38.Ifp;

/// <summary>
/// The one walk over an IFP packet's octets: checks it (when <c>fields</c> is null) or fills the fields from a copy
/// of the octets (<c>backing</c>) that the check already passed. Bit layout as T.38 Annex A in ALIGNED PER, with the field
/// headers as the deployed implementations lay them out (see <see cref="IfpPacket"/>).
/// </summary>
internal static class IfpPacketReader
{
    private const int RootIndicators = 16;
    private const int RootDataTypes = 9;
    private const int RootFieldTypes = 8;

    public static IfpError Read(
        ReadOnlySpan<byte> data,
        int version,
        IfpLimits limits,
        IfpDataField[]? fields,
        byte[]? backing,
        out int fieldCount,
        out T38Indicator? indicator,
        out T38DataType? dataType,
        ref int p)
    {
        fieldCount = 0;
        indicator = null;
        dataType = null;
        if (data.Length < 1)
        {
            return new IfpError(IfpErrorKind.Truncated, 0);
        }

        byte first = data[0];
        bool dataFieldPresent = (first & 0x80) != 0;
        bool isData = (first & 0x40) != 0;
        int value;
        if ((first & 0x20) != 0)
        {
            if (data.Length < 2)
            {
                return new IfpError(IfpErrorKind.Truncated, 0);
            }

            value = (isData ? RootDataTypes : RootIndicators) + (((first << 2) & 0x3C) | (data[1] >> 6));
            p = 2;
        }
        else
        {
            value = (first >> 1) & 0xF;
            p = 1;
        }

        if (!isData)
        {
            if (dataFieldPresent)
            {
                return new IfpError(IfpErrorKind.DataFieldWithIndicator, 0);
            }

            if (value > (int)T38Indicator.V33At14400Training)
            {
                return new IfpError(IfpErrorKind.UnknownIndicator, 0);
            }

            indicator = (T38Indicator)value;
            return default;
        }

        if (value > (int)T38DataType.V33At14400 || ((first & 0x20) == 0 && value >= RootDataTypes))
        {
            return new IfpError(IfpErrorKind.UnknownDataType, 0);
        }

        dataType = (T38DataType)value;
        if (!dataFieldPresent)
        {
            return default;
        }

        // SEQUENCE OF length determinant: one octet below 128, two below 16K, fragments beyond.
        int countAt = p;
        if (p >= data.Length)
        {
            return new IfpError(IfpErrorKind.Truncated, p);
        }

        int count;
        if ((data[p] & 0x80) == 0)
        {
            count = data[p++];
        }
        else if ((data[p] & 0x40) == 0)
        {
            if (p + 2 > data.Length)
            {
                return new IfpError(IfpErrorKind.Truncated, p);
            }

            count = ((data[p] & 0x3F) << 8) | data[p + 1];
            p += 2;
        }
        else
        {
            return new IfpError(IfpErrorKind.FragmentedLength, p);
        }

        if (count > limits.MaxFields)
        {
            return new IfpError(IfpErrorKind.TooManyFields, countAt);
        }

        bool half = false;
        for (int i = 0; i < count; i++)
        {
            int fieldAt = p;
            bool present;
            int type;
            if (version == 0)
            {
                // Version 0: four bits per field header; a field without data leaves the octet half used.
                if (half)
                {
                    present = (data[p] & 0x08) != 0;
                    type = data[p] & 0x07;
                    p++;
                    half = false;
                }
                else
                {
                    if (p >= data.Length)
                    {
                        return new IfpError(IfpErrorKind.Truncated, p);
                    }

                    present = (data[p] & 0x80) != 0;
                    type = (data[p] >> 4) & 0x07;
                    if (present)
                    {
                        p++;
                    }
                    else
                    {
                        half = true;
                    }
                }
            }
            else
            {
                if (p >= data.Length)
                {
                    return new IfpError(IfpErrorKind.Truncated, p);
                }

                present = (data[p] & 0x80) != 0;
                if ((data[p] & 0x40) != 0)
                {
                    if (p + 2 > data.Length)
                    {
                        return new IfpError(IfpErrorKind.Truncated, p);
                    }

                    type = RootFieldTypes + (((data[p] << 2) & 0x3C) | (data[p + 1] >> 6));
                    if (type > (int)T38FieldType.V34Rate)
                    {
                        return new IfpError(IfpErrorKind.UnknownFieldType, p);
                    }

                    p += 2;
                }
                else
                {
                    type = (data[p] >> 3) & 0x07;
                    p++;
                }
            }

            int length = 0;
            int dataAt = p;
            if (present)
            {
                if (p + 2 > data.Length)
                {
                    return new IfpError(IfpErrorKind.Truncated, p);
                }

                length = ((data[p] << 8) | data[p + 1]) + 1;
                if (length > limits.MaxFieldLength)
                {
                    return new IfpError(IfpErrorKind.FieldTooLong, p);
                }

                dataAt = p + 2;
                if (dataAt + length > data.Length)
                {
                    return new IfpError(IfpErrorKind.Truncated, fieldAt);
                }

                p = dataAt + length;
            }

            if (fields is not null)
            {
                fields[i] = new IfpDataField((T38FieldType)type, present ? backing.AsMemory(dataAt, length) : default);
            }
        }

        if (half)
        {
            p++;
        }

        fieldCount = count;
        return default;
    }
}
