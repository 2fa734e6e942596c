using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;

namespace Faxgate.Fax.Tests.T38.Terminal;

/// <summary>Writes down every modem event as a line of text, with non-ECM data gathered for inspection.</summary>
internal sealed class RecordingModemEvents : IModemEvents
{
    public List<string> Events { get; } = [];

    public List<byte> NonEcmData { get; } = [];

    public List<TimeSpan> Completions { get; } = [];

    public void HandleTone(FaxTone tone, TimeSpan now) => Events.Add($"tone {tone}");

    public void HandleCarrierStarted(SignallingRate? rate, TimeSpan now) => Events.Add($"carrier {rate?.ToString() ?? "V21"}");

    public void HandleFrame(ReadOnlySpan<byte> frame, bool fcsOk, TimeSpan now) => Events.Add($"frame {Convert.ToHexString(frame)} {(fcsOk ? "ok" : "bad")}");

    public void HandleNonEcmData(ReadOnlySpan<byte> data, TimeSpan now)
    {
        if (Events.Count == 0 || Events[^1] != "data")
        {
            Events.Add("data");
        }

        NonEcmData.AddRange(data);
    }

    public void HandleCarrierEnded(TimeSpan now) => Events.Add("carrier ended");

    public void HandleTransmitComplete(TimeSpan now)
    {
        Events.Add("transmit complete");
        Completions.Add(now);
    }
}
