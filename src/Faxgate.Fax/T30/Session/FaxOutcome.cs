using Faxgate.Fax.T30.Capabilities;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;

namespace Faxgate.Fax.T30.Session;

/// <summary>The Phase E result of a fax session: success, or which failure and why, with what was transferred.</summary>
public sealed record FaxOutcome
{
    public required FaxFailure Failure { get; init; }

    /// <summary>A human-readable reason: the failure's description, with the detail that explains it.</summary>
    public required string Reason { get; init; }

    /// <summary>Pages confirmed by the receiver (sending) or accepted (receiving).</summary>
    public int Pages { get; init; }

    public SignallingRate? Rate { get; init; }

    public PageResolution? Resolution { get; init; }

    public CodingScheme? Compression { get; init; }

    public bool Ecm { get; init; }

    /// <summary>The far end's TSI or CSI, trimmed; empty when it sent none.</summary>
    public string RemoteIdent { get; init; } = "";

    /// <summary>Bad lines of each page received, in order (empty when sending).</summary>
    public IReadOnlyList<int> BadLinesPerPage { get; init; } = [];

    /// <summary>Success means the transfer completed and at least one page went through.</summary>
    public bool Succeeded => Failure == FaxFailure.None && Pages > 0;

    public override string ToString() => Succeeded
        ? $"OK pages={Pages} rate={Rate?.BitsPerSecond()} ecm={(Ecm ? 1 : 0)} remote=\"{RemoteIdent}\""
        : $"FAILED {(int)Failure} {Reason} pages={Pages}";
}
