using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Faxgate.Server.Calls;

/// <summary>A range of UDP ports, both ends included, written "FIRST-LAST" (e.g. 40000-40999).</summary>
public sealed record PortRange
{
    /// <summary>Fewest ports a range may have: one call needs one port, and a second lets a port be in use by others.</summary>
    public const int MinPorts = 2;

    public PortRange(int first, int last)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(last, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(last - first + 1, MinPorts, nameof(last));
        First = first;
        Last = last;
    }

    public int First { get; }

    public int Last { get; }

    public int Count => Last - First + 1;

    public override string ToString() => $"{First}-{Last}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out PortRange? range, [NotNullWhen(false)] out string? error)
    {
        range = null;
        string[] parts = (text ?? "").Split('-');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int first)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int last))
        {
            error = "write it as FIRST-LAST, e.g. 40000-40999";
            return false;
        }

        error = (first, last) switch
        {
            _ when first is < 1 or > 65535 || last is < 1 or > 65535 => "ports are 1-65535",
            _ when last < first => "the first port is above the last",
            _ when last - first + 1 < MinPorts => $"a range needs at least {MinPorts} ports",
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }

        range = new PortRange(first, last);
        return true;
    }
}
