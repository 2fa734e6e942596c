using System.Globalization;

namespace Faxgate.Sip.Sdp;

/// <summary>
/// The T.38 attributes of an <c>m=image udptl t38</c> stream (T.38 Annex D.2.3, RFC 3362). Null means the attribute
/// was absent. Read tolerantly: names in any case, flags with or without ":1"/":0", numbers with stray spaces.
/// </summary>
public sealed record T38Parameters
{
    /// <summary>T38FaxVersion; 0 when absent (Annex D).</summary>
    public int Version { get; init; }

    /// <summary>T38MaxBitRate in bit/s.</summary>
    public int? MaxBitRate { get; init; }

    public T38RateManagement? RateManagement { get; init; }

    /// <summary>T38FaxMaxBuffer: octets of buffer the sender of these parameters has for received IFP packets.</summary>
    public int? MaxBuffer { get; init; }

    /// <summary>T38FaxMaxDatagram: the largest UDPTL datagram the sender of these parameters accepts.</summary>
    public int? MaxDatagram { get; init; }

    public T38ErrorCorrection? ErrorCorrection { get; init; }

    public bool FillBitRemoval { get; init; }

    public bool TranscodingMmr { get; init; }

    public bool TranscodingJbig { get; init; }

    public static T38Parameters FromAttributes(IEnumerable<SdpAttributeLine> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var parameters = new T38Parameters();
        foreach (SdpAttributeLine line in attributes)
        {
            (string name, string? value) = Split(line);
            parameters = name.ToUpperInvariant() switch
            {
                "T38FAXVERSION" => Number(value) is int v and <= 255 ? parameters with { Version = v } : parameters,
                "T38MAXBITRATE" or "T38FAXMAXBITRATE" => parameters with { MaxBitRate = Number(value) ?? parameters.MaxBitRate },
                "T38FAXRATEMANAGEMENT" => parameters with { RateManagement = RateManagementOf(value) ?? parameters.RateManagement },
                "T38FAXMAXBUFFER" => parameters with { MaxBuffer = Number(value) ?? parameters.MaxBuffer },
                "T38FAXMAXDATAGRAM" => parameters with { MaxDatagram = Number(value) ?? parameters.MaxDatagram },
                "T38FAXUDPEC" => parameters with { ErrorCorrection = ErrorCorrectionOf(value) ?? parameters.ErrorCorrection },
                "T38FAXFILLBITREMOVAL" => parameters with { FillBitRemoval = Flag(value) },
                "T38FAXTRANSCODINGMMR" => parameters with { TranscodingMmr = Flag(value) },
                "T38FAXTRANSCODINGJBIG" => parameters with { TranscodingJbig = Flag(value) },
                _ => parameters,
            };
        }

        return parameters;
    }

    /// <summary>The attributes, in the order and spelling of T.38 Annex D; flags only when set, as property attributes.</summary>
    public IReadOnlyList<SdpAttributeLine> ToAttributes()
    {
        var lines = new List<SdpAttributeLine> { new("T38FaxVersion", Invariant(Version)) };
        if (MaxBitRate is { } rate)
        {
            lines.Add(new("T38MaxBitRate", Invariant(rate)));
        }

        if (FillBitRemoval)
        {
            lines.Add(new("T38FaxFillBitRemoval"));
        }

        if (TranscodingMmr)
        {
            lines.Add(new("T38FaxTranscodingMMR"));
        }

        if (TranscodingJbig)
        {
            lines.Add(new("T38FaxTranscodingJBIG"));
        }

        if (RateManagement is { } management)
        {
            lines.Add(new("T38FaxRateManagement", management == T38RateManagement.LocalTcf ? "localTCF" : "transferredTCF"));
        }

        if (MaxBuffer is { } buffer)
        {
            lines.Add(new("T38FaxMaxBuffer", Invariant(buffer)));
        }

        if (MaxDatagram is { } datagram)
        {
            lines.Add(new("T38FaxMaxDatagram", Invariant(datagram)));
        }

        if (ErrorCorrection is { } correction)
        {
            lines.Add(new("T38FaxUdpEC", correction switch
            {
                T38ErrorCorrection.Fec => "t38UDPFEC",
                T38ErrorCorrection.Redundancy => "t38UDPRedundancy",
                _ => "t38UDPNoEC",
            }));
        }

        return lines;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    // "a=T38FaxVersion 0" (a space where the colon belongs) is seen in the field too.
    private static (string Name, string? Value) Split(SdpAttributeLine line)
    {
        if (line.Value is null)
        {
            int space = line.Name.IndexOfAny([' ', '\t']);
            if (space > 0)
            {
                return (line.Name[..space], line.Name[(space + 1)..]);
            }
        }

        return (line.Name.Trim(), line.Value);
    }

    private static int? Number(string? value)
    {
        if (value is null)
        {
            return null;
        }

        string digits = string.Concat(value.Where(c => c is not (' ' or '\t')));
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
    }

    private static bool Flag(string? value) => value?.Trim() != "0";

    private static T38RateManagement? RateManagementOf(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "TRANSFERREDTCF" => T38RateManagement.TransferredTcf,
        "LOCALTCF" => T38RateManagement.LocalTcf,
        _ => null,
    };

    private static T38ErrorCorrection? ErrorCorrectionOf(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "T38UDPREDUNDANCY" => T38ErrorCorrection.Redundancy,
        "T38UDPFEC" => T38ErrorCorrection.Fec,
        "T38UDPNOEC" => T38ErrorCorrection.None,
        _ => null,
    };
}
