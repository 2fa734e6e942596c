using Faxgate.Fax.T30.Frames;

namespace Faxgate.Fax.T30.Session;

/// <summary>The protocol trace: every frame sent and received, and carrier changes, as events; never page content or a password.</summary>
public sealed partial class T30Session
{
    private void Trace(bool sent, string description)
    {
        if (_options.Trace)
        {
            _events.Enqueue(new FrameTraced(sent, description));
        }
    }

    private void TraceSent(IReadOnlyList<byte[]> frames)
    {
        if (!_options.Trace)
        {
            return;
        }

        foreach (byte[] frame in frames)
        {
            if (T30Frame.TryParse(frame, out T30Frame? parsed, out _))
            {
                Trace(true, Describe(parsed));
            }
        }
    }

    private static string Describe(T30Frame frame) =>
        frame.Fif.Length == 0 ? frame.Fcf.ToString().ToUpperInvariant()
        : frame.Fcf == FacsimileControlField.Pwd ? $"PWD ({frame.Fif.Length} octets, not shown)"
        : $"{frame.Fcf.ToString().ToUpperInvariant()} {Convert.ToHexString(frame.Fif)}";
}
