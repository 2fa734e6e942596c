using System.Net;
using System.Net.Sockets;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Terminal;
using Faxgate.Fax.T38.Udptl;
using Faxgate.Fax.Transport;
using Faxgate.Imaging.Pages;
using Faxgate.Sip.Sdp;
using FaxRateManagement = Faxgate.Fax.T38.Terminal.T38RateManagement;
using SdpRateManagement = Faxgate.Sip.Sdp.T38RateManagement;

namespace Faxgate.Server.Calls;

/// <summary>
/// The fax half of a SIP call: a T.30 session over T.38 on the call's media socket, with the parameters the SDP
/// offer/answer agreed. Where SIP and the fax engine meet, so neither needs to know the other.
/// </summary>
public sealed class T38FaxCall
{
    private readonly T30Session _session;
    private readonly List<BilevelPage> _pages = [];

    public T38FaxCall(T30Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
    }

    /// <summary>The pages received so far (a receiving call keeps them even when it breaks off).</summary>
    public IReadOnlyList<BilevelPage> Pages => _pages;

    public string RemoteIdent => _session.RemoteIdent;

    /// <summary>Called for every page as it is confirmed (received or sent).</summary>
    public Action<FaxEvent>? OnEvent { get; init; }

    /// <summary>The T.38 terminal's settings for what was agreed: version, rate management, error correction, datagram size.</summary>
    public static T38TerminalOptions OptionsFor(NegotiatedT38 agreed)
    {
        ArgumentNullException.ThrowIfNull(agreed);
        int datagram = Math.Clamp(agreed.RemoteMaxDatagram ?? UdptlSenderOptions.Default.MaxDatagramSize, 100, 1400);
        return new T38TerminalOptions
        {
            Link = T38LinkOptions.Default with
            {
                Version = agreed.Version,
                MaxBitRate = agreed.MaxBitRate,
                RateManagement = agreed.RateManagement == SdpRateManagement.LocalTcf ? FaxRateManagement.LocalTcf : FaxRateManagement.TransferredTcf,
            },
            Sender = UdptlSenderOptions.Default with
            {
                Recovery = agreed.ErrorCorrection == T38ErrorCorrection.Fec ? UdptlRecoveryKind.Fec : UdptlRecoveryKind.Redundancy,
                RedundancyDepth = agreed.ErrorCorrection == T38ErrorCorrection.None ? 0 : UdptlSenderOptions.Default.RedundancyDepth,
                MaxDatagramSize = datagram,
            },
        };
    }

    /// <summary>Where UDPTL goes: the agreed address and port; null (learn it from the first datagram) when the SDP named no usable address.</summary>
    public static IPEndPoint? RemoteOf(NegotiatedT38 agreed)
    {
        ArgumentNullException.ThrowIfNull(agreed);
        return IPAddress.TryParse(agreed.RemoteAddress, out IPAddress? address) && !address.Equals(IPAddress.Any) && agreed.RemotePort > 0
            ? new IPEndPoint(address, agreed.RemotePort)
            : null;
    }

    /// <summary>Runs the fax to its Phase E outcome; cancelling hangs up (DCN) when it can.</summary>
    public Task<FaxOutcome> RunAsync(Socket media, NegotiatedT38 agreed, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(agreed);
        DiscardPending(media);
        var terminal = new T38Terminal(_session, OptionsFor(agreed));
        var channel = new UdpT38Channel(terminal, media, RemoteOf(agreed), time, faxEvent =>
        {
            if (faxEvent is PageReceived received)
            {
                _pages.Add(received.Page);
            }

            OnEvent?.Invoke(faxEvent);
            return ValueTask.CompletedTask;
        });
        return channel.RunAsync(cancellationToken);
    }

    /// <summary>
    /// Drops what arrived on the media port before T.38 was agreed (the far end's RTP during the audio phase), so the
    /// UDPTL receiver starts on UDPTL.
    /// </summary>
    private static void DiscardPending(Socket media)
    {
        byte[] scratch = new byte[2048];
        for (int i = 0; i < 10_000 && media.Available > 0; i++)
        {
            try
            {
                media.Receive(scratch);
            }
            catch (SocketException)
            {
                // An ICMP error queued on the socket: nothing to keep either.
            }
        }
    }
}
