using System.Buffers;
using System.Text;

namespace Faxgate.Sip.Messages;

/// <summary>
/// Writes a message in canonical form: CRLF line ends, one header line per entry with its full name, no folding,
/// and a Content-Length that is the body's real length (where the first Content-Length was, or last).
/// </summary>
public static class SipMessageWriter
{
    public static byte[] Write(SipMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + (message?.Body.Length ?? 0));
        Write(message!, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(SipMessage message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        var head = new StringBuilder(512);
        switch (message)
        {
            case SipRequest request:
                head.Append(request.Method).Append(' ');
                request.RequestUri.AppendTo(head);
                head.Append(' ').Append(request.Version).Append("\r\n");
                break;
            case SipResponse response:
                head.Append(response.Version).Append(' ').Append(response.StatusCode).Append(' ').Append(response.ReasonPhrase).Append("\r\n");
                break;
            default:
                throw new ArgumentException("a request or a response", nameof(message));
        }

        bool lengthWritten = false;
        foreach (SipHeader header in message.Headers)
        {
            if (header.Name == SipHeaderNames.ContentLength)
            {
                if (!lengthWritten)
                {
                    head.Append(SipHeaderNames.ContentLength).Append(": ").Append(message.Body.Length).Append("\r\n");
                    lengthWritten = true;
                }

                continue;
            }

            head.Append(header.Name).Append(": ").Append(header.Value).Append("\r\n");
        }

        if (!lengthWritten)
        {
            head.Append(SipHeaderNames.ContentLength).Append(": ").Append(message.Body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        string text = head.ToString();
        Span<byte> target = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, target));

        output.Write(message.Body.Span);
    }
}
