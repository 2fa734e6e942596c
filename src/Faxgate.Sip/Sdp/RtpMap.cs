using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Faxgate.Sip.Sdp;

/// <summary>An a=rtpmap value (RFC 4566 6): payload type, encoding name, clock rate and channels.</summary>
public sealed record RtpMap(int PayloadType, string Encoding, int ClockRate, int? Channels = null)
{
    public const string Pcmu = "PCMU";
    public const string Pcma = "PCMA";
    public const string TelephoneEvent = "telephone-event";

    public static bool TryParse(string? value, [NotNullWhen(true)] out RtpMap? map)
    {
        map = null;
        string[] parts = (value ?? "").Trim().Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int type) || type > 127)
        {
            return false;
        }

        string[] encoding = parts[1].Trim().Split('/');
        if (encoding.Length is < 2 or > 3
            || encoding[0].Length == 0
            || !int.TryParse(encoding[1], NumberStyles.None, CultureInfo.InvariantCulture, out int clock))
        {
            return false;
        }

        int? channels = null;
        if (encoding.Length == 3)
        {
            if (!int.TryParse(encoding[2], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            {
                return false;
            }

            channels = count;
        }

        map = new RtpMap(type, encoding[0], clock, channels);
        return true;
    }

    /// <summary>Whether this maps <paramref name="encoding"/> at 8 kHz, ignoring case.</summary>
    public bool Is(string encoding) => ClockRate == 8000 && string.Equals(Encoding, encoding, StringComparison.OrdinalIgnoreCase);

    public override string ToString() =>
        Channels is { } channels ? $"{PayloadType} {Encoding}/{ClockRate}/{channels}" : $"{PayloadType} {Encoding}/{ClockRate}";
}
