using System.Runtime.InteropServices;
using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Ifp;
using Faxgate.Fax.T38.Terminal;

namespace Faxgate.Interop.Tests.T38;

/// <summary>
/// <see cref="T38Link"/> against SpanDSP's T.38 terminal (Debian libspandsp2) on a shared virtual clock: what the
/// terminal sends reads as the call tone and T.30 frames it meant, and frames we send it answers.
/// </summary>
public sealed class SpanDspT38TerminalTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    [SkippableFact]
    public void An_answering_spandsp_terminal_reads_as_ced_then_a_v21_carrier_with_its_dis()
    {
        using var terminal = new SpanDspTerminal(callingParty: false);
        var link = new T38Link();
        var events = new Recorder();
        Run(terminal, link, events, TimeSpan.FromSeconds(6));

        Assert.Equal("tone Ced", events.Lines[0]);
        Assert.Equal("carrier V21", events.Lines[1]);
        byte[] dis = events.Frames.Single(f => f.Frame[2] == 0x80).Frame;
        Assert.Equal(new byte[] { 0xFF, 0x13 }, dis[..2]);
        Assert.All(events.Frames, f => Assert.True(f.FcsOk));
        Assert.Contains("carrier ended", events.Lines);
    }

    [SkippableFact]
    public void A_calling_spandsp_terminal_answers_the_dis_we_send()
    {
        // The DIS an answering SpanDSP sends, played to a calling one by our link.
        byte[] dis;
        using (var answering = new SpanDspTerminal(callingParty: false))
        {
            var events = new Recorder();
            Run(answering, new T38Link(), events, TimeSpan.FromSeconds(6));
            dis = events.Frames.Single(f => f.Frame[2] == 0x80).Frame;
        }

        using var calling = new SpanDspTerminal(callingParty: true);
        var link = new T38Link();
        var received = new Recorder();
        link.Enqueue(new SendTone(FaxTone.Ced), TimeSpan.Zero);
        link.Enqueue(new SendHdlc(null, [dis]), TimeSpan.Zero);
        Run(calling, link, received, TimeSpan.FromSeconds(10));

        // With nothing to send, the caller ends the call with DCN (0xFA): it understood our DIS.
        Assert.Contains("transmit complete", received.Lines);
        Assert.Contains(received.Frames, f => f.FcsOk && (f.Frame[2] & 0xFE) == 0xFA);
    }

    /// <summary>Both sides on one virtual clock in 20 ms steps: each side's packets reach the other at once.</summary>
    private static void Run(SpanDspTerminal terminal, T38Link link, Recorder events, TimeSpan duration)
    {
        ushort sequence = 0;
        for (TimeSpan now = TimeSpan.Zero; now < duration; now += Step)
        {
            link.HandleTimeout(now, events);
            while (link.TryPollTransmit(now, out IfpPacket? packet))
            {
                Assert.Equal(0, terminal.Receive(packet.ToArray(0), sequence++));
            }

            terminal.Advance(Step);
            foreach (byte[] bytes in terminal.TakeSent())
            {
                Assert.True(IfpPacket.TryParse(bytes, 0, out IfpPacket? packet, out IfpError error), error.ToString());
                link.HandleReceived(packet, events, now);
            }
        }
    }

    private sealed class Recorder : IModemEvents
    {
        public List<string> Lines { get; } = [];

        public List<(byte[] Frame, bool FcsOk)> Frames { get; } = [];

        public void HandleTone(FaxTone tone, TimeSpan now) => Lines.Add($"tone {tone}");

        public void HandleCarrierStarted(SignallingRate? rate, TimeSpan now) => Lines.Add($"carrier {rate?.ToString() ?? "V21"}");

        public void HandleFrame(ReadOnlySpan<byte> frame, bool fcsOk, TimeSpan now)
        {
            Lines.Add($"frame {Convert.ToHexString(frame)}");
            Frames.Add((frame.ToArray(), fcsOk));
        }

        public void HandleNonEcmData(ReadOnlySpan<byte> data, TimeSpan now) => Lines.Add("data");

        public void HandleCarrierEnded(TimeSpan now) => Lines.Add("carrier ended");

        public void HandleTransmitComplete(TimeSpan now) => Lines.Add("transmit complete");
    }

    /// <summary>One SpanDSP t38_terminal_state_t; its transmitted packets are collected, one copy each.</summary>
    private sealed class SpanDspTerminal : IDisposable
    {
        private const string Library = "libspandsp.so.2";
        private const int SamplesPerSecond = 8000;

        private readonly TxPacketHandler _tx;
        private readonly List<byte[]> _sent = [];
        private IntPtr _state;

        public SpanDspTerminal(bool callingParty)
        {
            Skip.IfNot(NativeLibrary.TryLoad(Library, out _), "libspandsp.so.2 is not installed; ./test.sh installs it");
            _tx = (_, _, buffer, length, _) =>
            {
                var packet = new byte[length];
                Marshal.Copy(buffer, packet, 0, length);
                _sent.Add(packet);
                return 0;
            };
            _state = t38_terminal_init(IntPtr.Zero, callingParty ? 1 : 0, Marshal.GetFunctionPointerForDelegate(_tx), IntPtr.Zero);
            Assert.NotEqual(IntPtr.Zero, _state);
        }

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int TxPacketHandler(IntPtr state, IntPtr userData, IntPtr buffer, int length, int count);

        public void Advance(TimeSpan time) => _ = t38_terminal_send_timeout(_state, (int)(time.TotalSeconds * SamplesPerSecond));

        public List<byte[]> TakeSent()
        {
            List<byte[]> sent = [.. _sent];
            _sent.Clear();
            return sent;
        }

        public int Receive(byte[] packet, ushort sequence) =>
            t38_core_rx_ifp_packet(t38_terminal_get_t38_core_state(_state), packet, packet.Length, sequence);

        public void Dispose()
        {
            if (_state != IntPtr.Zero)
            {
                _ = t38_terminal_free(_state);
                _state = IntPtr.Zero;
            }

            GC.KeepAlive(_tx);
        }

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern IntPtr t38_terminal_init(IntPtr state, int callingParty, IntPtr tx, IntPtr txUserData);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int t38_terminal_send_timeout(IntPtr state, int samples);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern IntPtr t38_terminal_get_t38_core_state(IntPtr state);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int t38_core_rx_ifp_packet(IntPtr state, byte[] buffer, int length, ushort sequence);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int t38_terminal_free(IntPtr state);
    }
}
