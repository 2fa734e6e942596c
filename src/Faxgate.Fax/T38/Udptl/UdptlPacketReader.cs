namespace Faxgate.Fax.T38.Udptl;

/// <summary>
/// The one walk over a UDPTL datagram: checks it (when <c>entries</c> is null) or, on a copy that the check passed
/// (<c>backing</c>), fills in the slices.
/// </summary>
internal static class UdptlPacketReader
{
    public static UdptlError Read(
        ReadOnlySpan<byte> data,
        UdptlLimits limits,
        byte[]? backing,
        ReadOnlyMemory<byte>[]? entries,
        out int entryCount,
        out ReadOnlyMemory<byte> primary,
        out UdptlRecoveryKind recovery,
        out int fecSpan)
    {
        entryCount = 0;
        primary = default;
        recovery = UdptlRecoveryKind.Redundancy;
        fecSpan = 0;
        if (data.Length < 2)
        {
            return new UdptlError(UdptlErrorKind.Truncated, 0);
        }

        int p = 2;
        UdptlError error = ReadOctets(data, ref p, limits, out int primaryAt, out int primaryLength);
        if (error.Kind != UdptlErrorKind.None)
        {
            return error;
        }

        if (primaryLength == 0)
        {
            return new UdptlError(UdptlErrorKind.EmptyPrimary, 2);
        }

        primary = backing is null ? default : backing.AsMemory(primaryAt, primaryLength);
        if (p >= data.Length)
        {
            return new UdptlError(UdptlErrorKind.Truncated, p);
        }

        int maxEntries = limits.MaxSecondaryPackets;
        UdptlErrorKind tooMany = UdptlErrorKind.TooManySecondaryPackets;
        if ((data[p++] & 0x80) != 0)
        {
            recovery = UdptlRecoveryKind.Fec;
            maxEntries = limits.MaxFecEntries;
            tooMany = UdptlErrorKind.TooManyFecEntries;
            int spanAt = p;
            error = ReadLength(data, ref p, out int octets);
            if (error.Kind != UdptlErrorKind.None)
            {
                return error;
            }

            if (octets is < 1 or > 4)
            {
                return new UdptlError(UdptlErrorKind.FecSpanOutOfRange, spanAt);
            }

            if (p + octets > data.Length)
            {
                return new UdptlError(UdptlErrorKind.Truncated, spanAt);
            }

            long value = (sbyte)data[p];
            for (int i = 1; i < octets; i++)
            {
                value = (value << 8) | data[p + i];
            }

            p += octets;
            if (value < 0 || value > limits.MaxFecSpan)
            {
                return new UdptlError(UdptlErrorKind.FecSpanOutOfRange, spanAt);
            }

            fecSpan = (int)value;
        }

        int countAt = p;
        error = ReadLength(data, ref p, out int count);
        if (error.Kind != UdptlErrorKind.None)
        {
            return error;
        }

        if (count > maxEntries)
        {
            return new UdptlError(tooMany, countAt);
        }

        for (int i = 0; i < count; i++)
        {
            error = ReadOctets(data, ref p, limits, out int at, out int length);
            if (error.Kind != UdptlErrorKind.None)
            {
                return error;
            }

            if (entries is not null)
            {
                entries[i] = backing.AsMemory(at, length);
            }
        }

        if (p != data.Length)
        {
            return new UdptlError(UdptlErrorKind.TrailingBytes, p);
        }

        entryCount = count;
        return default;
    }

    private static UdptlError ReadOctets(ReadOnlySpan<byte> data, ref int p, UdptlLimits limits, out int at, out int length)
    {
        int lengthAt = p;
        at = 0;
        UdptlError error = ReadLength(data, ref p, out length);
        if (error.Kind != UdptlErrorKind.None)
        {
            return error;
        }

        if (length > limits.MaxPacketLength)
        {
            return new UdptlError(UdptlErrorKind.PacketTooLong, lengthAt);
        }

        if (p + length > data.Length)
        {
            return new UdptlError(UdptlErrorKind.Truncated, lengthAt);
        }

        at = p;
        p += length;
        return default;
    }

    /// <summary>An unconstrained length determinant: one octet below 128, two below 16K; fragments are refused.</summary>
    private static UdptlError ReadLength(ReadOnlySpan<byte> data, ref int p, out int length)
    {
        length = 0;
        if (p >= data.Length)
        {
            return new UdptlError(UdptlErrorKind.Truncated, p);
        }

        byte first = data[p];
        if ((first & 0x80) == 0)
        {
            length = first;
            p++;
            return default;
        }

        if ((first & 0x40) != 0)
        {
            return new UdptlError(UdptlErrorKind.FragmentedLength, p);
        }

        if (p + 2 > data.Length)
        {
            return new UdptlError(UdptlErrorKind.Truncated, p);
        }

        length = ((first & 0x3F) << 8) | data[p + 1];
        p += 2;
        return default;
    }
}
