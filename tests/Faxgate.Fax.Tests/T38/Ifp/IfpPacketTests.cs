using Faxgate.Fax.T38.Ifp;

namespace Faxgate.Fax.Tests.T38.Ifp;

public sealed class IfpPacketTests
{
    public static TheoryData<int> Versions => new() { 0, 1, 2, 3 };

    [Theory]
    [InlineData(T38Indicator.NoSignal, new byte[] { 0x00 })]
    [InlineData(T38Indicator.Cng, new byte[] { 0x02 })]
    [InlineData(T38Indicator.Ced, new byte[] { 0x04 })]
    [InlineData(T38Indicator.V21Preamble, new byte[] { 0x06 })]
    [InlineData(T38Indicator.V17At14400LongTraining, new byte[] { 0x1E })]
    public void Root_indicators_take_one_octet_in_every_version(T38Indicator indicator, byte[] expected)
    {
        for (int version = 0; version <= 3; version++)
        {
            IfpPacket packet = IfpPacket.ForIndicator(indicator);
            Assert.Equal(expected, packet.ToArray(version));
            Assert.True(IfpPacket.TryParse(expected, version, out IfpPacket? parsed, out _));
            Assert.Equal(indicator, parsed.Indicator);
        }
    }

    [Fact]
    public void Extension_indicators_take_two_octets_and_need_version_1()
    {
        IfpPacket ansam = IfpPacket.ForIndicator(T38Indicator.V8Ansam);
        Assert.Equal(new byte[] { 0x20, 0x00 }, ansam.ToArray(1));
        Assert.Equal(new byte[] { 0x21, 0x80 }, IfpPacket.ForIndicator(T38Indicator.V33At14400Training).ToArray(2));
        Assert.False(ansam.IsRepresentableIn(0));
        Assert.Throws<InvalidOperationException>(() => ansam.ToArray(0));
    }

    [Fact]
    public void Hdlc_data_with_fcs_ok_is_laid_out_as_aligned_per()
    {
        IfpPacket packet = IfpPacket.ForData(
            T38DataType.V21,
            new IfpDataField(T38FieldType.HdlcData, new byte[] { 0xFF, 0x13 }),
            new IfpDataField(T38FieldType.HdlcFcsOk));

        // Version 1+: one octet per field header (presence bit, extension bit, three bits of type).
        Assert.Equal(new byte[] { 0xC0, 0x02, 0x80, 0x00, 0x01, 0xFF, 0x13, 0x10 }, packet.ToArray(1));

        // Version 0: presence bit and three bits of type, with no extension bit.
        Assert.Equal(new byte[] { 0xC0, 0x02, 0x80, 0x00, 0x01, 0xFF, 0x13, 0x20 }, packet.ToArray(0));
    }

    [Fact]
    public void Version_0_packs_fields_without_data_into_half_octets()
    {
        IfpPacket packet = IfpPacket.ForData(
            T38DataType.V21,
            new IfpDataField(T38FieldType.HdlcFcsOk),
            new IfpDataField(T38FieldType.HdlcSigEnd),
            new IfpDataField(T38FieldType.HdlcFcsBad),
            new IfpDataField(T38FieldType.HdlcData, new byte[] { 0x7E }));

        byte[] bytes = packet.ToArray(0);
        Assert.Equal(new byte[] { 0xC0, 0x04, 0x21, 0x38, 0x00, 0x00, 0x7E }, bytes);
        Assert.Equal(bytes.Length, packet.EncodedLength(0));
        Assert.Equal(packet, IfpPacket.Parse(bytes, 0));
    }

    [Fact]
    public void Extension_data_types_and_field_types_round_trip_from_version_1()
    {
        IfpPacket packet = IfpPacket.ForData(
            T38DataType.V34PrimaryChannel,
            new IfpDataField(T38FieldType.CmMessage, new byte[] { 0x31 }),
            new IfpDataField(T38FieldType.V34Rate, new byte[] { 0x33, 0x33, 0x36 }),
            new IfpDataField(T38FieldType.JmMessage));
        for (int version = 1; version <= 3; version++)
        {
            byte[] bytes = packet.ToArray(version);
            Assert.Equal(new byte[] { 0xE0, 0xC0 }, bytes[..2]);
            Assert.Equal(packet, IfpPacket.Parse(bytes, version));
        }

        Assert.False(packet.IsRepresentableIn(0));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_root_combination_round_trips(int version)
    {
        foreach (T38DataType type in Enum.GetValues<T38DataType>().Where(t => version > 0 || (int)t < 9))
        {
            foreach (T38FieldType field in Enum.GetValues<T38FieldType>().Where(f => version > 0 || (int)f < 8))
            {
                foreach (int length in new[] { 0, 1, 255, 256, 1000 })
                {
                    byte[] data = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
                    IfpPacket packet = IfpPacket.ForData(type, new IfpDataField(field, data), new IfpDataField(T38FieldType.HdlcFcsOk));
                    byte[] bytes = packet.ToArray(version);
                    Assert.Equal(packet.EncodedLength(version), bytes.Length);
                    Assert.True(IfpPacket.TryParse(bytes, version, out IfpPacket? parsed, out IfpError error), error.ToString());
                    Assert.Equal(packet, parsed);
                }
            }
        }
    }

    [Fact]
    public void The_longest_field_data_round_trips()
    {
        byte[] data = new byte[IfpDataField.MaxDataLength];
        new Random(3).NextBytes(data);
        IfpPacket packet = IfpPacket.ForData(T38DataType.V17At14400, T38FieldType.T4NonEcmData, data);
        Assert.Equal(packet, IfpPacket.Parse(packet.ToArray(2), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IfpDataField(T38FieldType.HdlcData, new byte[IfpDataField.MaxDataLength + 1]));
    }

    [Fact]
    public void Many_fields_use_a_two_octet_count()
    {
        IfpPacket packet = IfpPacket.ForData(T38DataType.V21, Enumerable.Repeat(new IfpDataField(T38FieldType.HdlcSigEnd), 200));
        byte[] bytes = packet.ToArray(1);
        Assert.Equal(new byte[] { 0xC0, 0x80, 200 }, bytes[..3]);
        Assert.True(IfpPacket.TryParse(bytes, 1, new IfpLimits { MaxFields = 200 }, out IfpPacket? parsed, out _));
        Assert.Equal(packet, parsed);
        Assert.False(IfpPacket.TryParse(bytes, 1, out _, out IfpError error));
        Assert.Equal(new IfpError(IfpErrorKind.TooManyFields, 1), error);
    }

    [Fact]
    public void A_data_packet_without_fields_is_one_octet()
    {
        IfpPacket packet = IfpPacket.ForData(T38DataType.V29At9600);
        Assert.Equal(new byte[] { 0x48 }, packet.ToArray(0));
        Assert.Equal(packet, IfpPacket.Parse([0x48], 3));

        // An empty data-field sequence that is present is accepted too.
        Assert.Equal(packet, IfpPacket.Parse([0xC8, 0x00], 3));
    }

    [Theory]
    [InlineData(new byte[] { }, 0, IfpErrorKind.Truncated, 0)]
    [InlineData(new byte[] { 0x86 }, 1, IfpErrorKind.DataFieldWithIndicator, 0)]
    [InlineData(new byte[] { 0x21, 0xC0 }, 1, IfpErrorKind.UnknownIndicator, 0)]
    [InlineData(new byte[] { 0x20 }, 1, IfpErrorKind.Truncated, 0)]
    [InlineData(new byte[] { 0x52 }, 1, IfpErrorKind.UnknownDataType, 0)]
    [InlineData(new byte[] { 0x61, 0x80 }, 1, IfpErrorKind.UnknownDataType, 0)]
    [InlineData(new byte[] { 0xC0 }, 1, IfpErrorKind.Truncated, 1)]
    [InlineData(new byte[] { 0xC0, 0xC1 }, 1, IfpErrorKind.FragmentedLength, 1)]
    [InlineData(new byte[] { 0xC0, 0x01, 0x41, 0x00 }, 1, IfpErrorKind.UnknownFieldType, 2)]
    [InlineData(new byte[] { 0xC0, 0x01, 0x80, 0x00 }, 1, IfpErrorKind.Truncated, 3)]
    [InlineData(new byte[] { 0xC0, 0x01, 0x80, 0x00, 0x02, 0x01, 0x02 }, 1, IfpErrorKind.Truncated, 2)]
    [InlineData(new byte[] { 0xC0, 0x02, 0x10 }, 1, IfpErrorKind.Truncated, 3)]
    [InlineData(new byte[] { 0x06, 0x00 }, 1, IfpErrorKind.TrailingBytes, 1)]
    [InlineData(new byte[] { 0xC0, 0x01, 0x20, 0x00 }, 0, IfpErrorKind.TrailingBytes, 3)]
    public void Broken_packets_give_a_typed_error_with_the_offset(byte[] bytes, int version, IfpErrorKind kind, int offset)
    {
        Assert.False(IfpPacket.TryParse(bytes, version, out IfpPacket? packet, out IfpError error));
        Assert.Null(packet);
        Assert.Equal(new IfpError(kind, offset), error);
        Assert.Throws<FormatException>(() => IfpPacket.Parse(bytes, version));
    }

    [Fact]
    public void Field_data_over_the_limit_is_refused_before_it_is_read()
    {
        byte[] bytes = IfpPacket.ForData(T38DataType.V21, T38FieldType.HdlcData, new byte[300]).ToArray(1);
        Assert.False(IfpPacket.TryParse(bytes, 1, new IfpLimits { MaxFieldLength = 256 }, out _, out IfpError error));
        Assert.Equal(new IfpError(IfpErrorKind.FieldTooLong, 3), error);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_cut_of_a_packet_is_truncated_and_a_prefix_parse_ignores_what_follows(int version)
    {
        IfpPacket packet = IfpPacket.ForData(
            T38DataType.V17At9600,
            new IfpDataField(T38FieldType.HdlcData, new byte[] { 1, 2, 3 }),
            new IfpDataField(T38FieldType.HdlcFcsOk),
            new IfpDataField(T38FieldType.HdlcFcsOkSigEnd));
        byte[] bytes = packet.ToArray(version);
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            Assert.False(IfpPacket.TryParse(bytes.AsSpan(0, cut), version, out _, out IfpError error));
            Assert.Equal(IfpErrorKind.Truncated, error.Kind);
        }

        byte[] padded = [.. bytes, 0, 0, 0];
        Assert.True(IfpPacket.TryParsePrefix(padded, version, IfpLimits.Default, out IfpPacket? parsed, out int consumed, out _));
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(packet, parsed);
    }

    [Fact]
    public void Parsed_fields_do_not_alias_the_input()
    {
        byte[] bytes = IfpPacket.ForData(T38DataType.V21, T38FieldType.HdlcData, new byte[] { 9, 9 }).ToArray(2);
        IfpPacket parsed = IfpPacket.Parse(bytes, 2);
        bytes.AsSpan().Clear();
        Assert.Equal(new byte[] { 9, 9 }, parsed.Fields[0].Data.ToArray());
    }

    [Fact]
    public void Writing_needs_room_and_a_known_version()
    {
        IfpPacket packet = IfpPacket.ForIndicator(T38Indicator.Ced);
        Assert.Throws<ArgumentException>(() => packet.Write(Span<byte>.Empty, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => packet.ToArray(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => IfpPacket.TryParse([0x02], -1, out _, out _));
    }
}
