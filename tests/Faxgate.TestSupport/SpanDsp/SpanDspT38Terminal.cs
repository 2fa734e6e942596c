using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Faxgate.TestSupport.SpanDsp;

/// <summary>
/// A SpanDSP 0.0.6 T.38 terminal (<c>t38_terminal_state_t</c>): a whole fax machine that speaks IFP
/// packets, the far end in Faxgate's interop tests. Not thread-safe: call it from one thread at
/// a time. Exceptions thrown by handlers never cross into SpanDSP: they are kept and rethrown
/// when the SpanDSP call returns.
/// </summary>
public sealed unsafe class SpanDspT38Terminal : IDisposable
{
    /// <summary>Skips the running test, visibly, when SpanDSP is not installed.</summary>
    public static void Require() =>
        Xunit.Skip.IfNot(Available, "libspandsp.so.2 is not installed (apt-get install libspandsp2; ./test.sh installs it)");

    [ThreadStatic]
    private static SpanDspT38Terminal? _current;

    private readonly List<SpanDspIfp> _sent = [];
    private readonly List<SpanDspFrame> _frames = [];
    private readonly List<string> _log = [];
    private GCHandle _self;
    private nint _state;
    private nint _t30;
    private nint _core;
    private nint _tag;
    private ExceptionDispatchInfo? _pending;
    private SpanDspStatistics? _finalStatistics;
    private string? _remoteIdent;
    private string? _remoteSubAddress;

    /// <summary>Creates a terminal; <paramref name="calling"/> chooses the caller (sends CNG, waits for DIS) or the answerer.</summary>
    public SpanDspT38Terminal(bool calling, SpanDspT38Options? options = null, string? tag = null)
    {
        SpanDspT38Options o = options ?? new SpanDspT38Options();
        Calling = calling;
        Options = o;
        _self = GCHandle.Alloc(this);
        _tag = Marshal.StringToCoTaskMemUTF8(tag ?? (calling ? "caller" : "answerer"));
        using (Enter())
        {
            _state = SpanDspNative.t38_terminal_init(0, calling ? 1 : 0, &OnTxPacket, GCHandle.ToIntPtr(_self));
            if (_state == 0)
            {
                Release();
                throw new InvalidOperationException("t38_terminal_init failed");
            }

            _t30 = SpanDspNative.t38_terminal_get_t30_state(_state);
            _core = SpanDspNative.t38_terminal_get_t38_core_state(_state);
            foreach (nint logging in new[]
            {
                SpanDspNative.t38_terminal_get_logging_state(_state),
                SpanDspNative.t30_get_logging_state(_t30),
                SpanDspNative.t38_core_get_logging_state(_core),
            })
            {
                _ = SpanDspNative.span_log_set_level(logging, (int)o.LogLevel);
                _ = SpanDspNative.span_log_set_tag(logging, (byte*)_tag);
                SpanDspNative.span_log_set_message_handler(logging, &OnLog);
            }

            Configure(o);
        }
    }

    /// <summary>True when libspandsp.so.2 can be loaded.</summary>
    public static bool Available => NativeLibrary.TryLoad(SpanDspNative.Library, out _);

    public bool Calling { get; }

    public SpanDspT38Options Options { get; }

    /// <summary>This terminal's clock, in 8 kHz samples: the sum of every <see cref="Advance"/>.</summary>
    public long Samples { get; private set; }

    /// <summary>Raised for each IFP packet SpanDSP wants to send (a copy; <c>Count</c> is how often it asks for it to be sent).</summary>
    public event Action<SpanDspIfp>? IfpSent;

    /// <summary>Raised for each log line, as it is made.</summary>
    public event Action<string>? Logged;

    /// <summary>Every IFP packet sent so far, in order.</summary>
    public IReadOnlyList<SpanDspIfp> Sent => _sent;

    /// <summary>Every T.30 frame sent and received so far (the real-time frame handler).</summary>
    public IReadOnlyList<SpanDspFrame> Frames => _frames;

    /// <summary>The log lines SpanDSP produced, at <see cref="SpanDspT38Options.LogLevel"/> or below.</summary>
    public IReadOnlyList<string> Log => _log;

    /// <summary>The T30_ERR_* code phase E reported (0 = T30_ERR_OK); null while the call lasts.</summary>
    public int? CompletionCode { get; private set; }

    /// <summary>SpanDSP's words for <see cref="CompletionCode"/>.</summary>
    public string? CompletionText => CompletionCode is int code ? Utf8(SpanDspNative.t30_completion_code_to_str(code)) : null;

    /// <summary>True once phase E has run.</summary>
    public bool Completed => CompletionCode is not null;

    /// <summary>The far end's TSI or CSI.</summary>
    public string? RemoteIdent => _remoteIdent ?? (_state == 0 ? null : Utf8(SpanDspNative.t30_get_rx_ident(_t30)));

    /// <summary>The SUB the far end sent, if any.</summary>
    public string? RemoteSubAddress => _remoteSubAddress ?? (_state == 0 ? null : Utf8(SpanDspNative.t30_get_rx_sub_address(_t30)));

    /// <summary>The transfer statistics: as phase E found them once the call is over, else as they are now.</summary>
    public SpanDspStatistics Statistics => _finalStatistics ?? ReadStatistics();

    /// <summary>The raw states, for SpanDspNative calls this class does not wrap.</summary>
    internal nint State => _state;

    internal nint T30State => _t30;

    internal nint T38CoreState => _core;

    /// <summary>The TIFF given to <see cref="SetTxFile"/>, if any.</summary>
    public string? TxFile { get; private set; }

    /// <summary>The TIFF given to <see cref="SetRxFile"/>, if any: where the received pages are.</summary>
    public string? RxFile { get; private set; }

    /// <summary>The TIFF to send (SpanDSP copies the path).</summary>
    public void SetTxFile(string path, int startPage = -1, int stopPage = -1)
    {
        using (Enter())
        {
            TxFile = path;
            SpanDspNative.t30_set_tx_file(_t30, path, startPage, stopPage);
        }
    }

    /// <summary>Where to write the received TIFF.</summary>
    public void SetRxFile(string path, int stopPage = -1)
    {
        using (Enter())
        {
            RxFile = path;
            SpanDspNative.t30_set_rx_file(_t30, path, stopPage);
        }
    }

    /// <summary>Hands SpanDSP one received IFP packet with its UDPTL sequence number.</summary>
    public int ReceiveIfp(ReadOnlySpan<byte> ifp, ushort sequenceNumber)
    {
        using (Enter())
        {
            fixed (byte* p = ifp)
            {
                return SpanDspNative.t38_core_rx_ifp_packet(_core, p, ifp.Length, sequenceNumber);
            }
        }
    }

    /// <summary>Lets <paramref name="samples"/> of time pass (8 kHz; 160 = 20 ms). True when the call is over.</summary>
    public bool Advance(int samples)
    {
        using (Enter())
        {
            Samples += samples;
            return SpanDspNative.t38_terminal_send_timeout(_state, samples) != 0;
        }
    }

    /// <summary>Ends the call at once (<c>t30_terminate</c>); phase E runs.</summary>
    public void Terminate()
    {
        using (Enter())
        {
            SpanDspNative.t30_terminate(_t30);
        }
    }

    public void Dispose()
    {
        if (_state != 0)
        {
            using (Enter())
            {
                _ = SpanDspNative.t38_terminal_free(_state);
                _state = 0;
                _t30 = 0;
                _core = 0;
            }
        }

        Release();
    }

    private void Release()
    {
        if (_self.IsAllocated)
        {
            _self.Free();
        }

        if (_tag != 0)
        {
            Marshal.FreeCoTaskMem(_tag);
            _tag = 0;
        }
    }

    private void Configure(SpanDspT38Options o)
    {
        if (o.LocalIdent is not null && SpanDspNative.t30_set_tx_ident(_t30, o.LocalIdent) != 0)
        {
            throw new ArgumentException($"SpanDSP refuses the ident '{o.LocalIdent}' (20 characters at most)", nameof(o));
        }

        if (o.SubAddress is not null)
        {
            _ = SpanDspNative.t30_set_tx_sub_address(_t30, o.SubAddress);
        }

        _ = SpanDspNative.t30_set_ecm_capability(_t30, o.Ecm ? 1 : 0);
        _ = SpanDspNative.t30_set_supported_compressions(_t30, (int)o.Compressions);
        _ = SpanDspNative.t30_set_supported_modems(_t30, (int)o.Modems);
        _ = SpanDspNative.t30_set_supported_image_sizes(_t30, (int)o.ImageSizes);
        _ = SpanDspNative.t30_set_supported_resolutions(_t30, (int)o.Resolutions);
        if (o.MinimumScanLineTime is int scanLine)
        {
            _ = SpanDspNative.t30_set_minimum_scan_line_time(_t30, scanLine);
        }

        SpanDspNative.t30_set_phase_e_handler(_t30, &OnPhaseE, GCHandle.ToIntPtr(_self));
        SpanDspNative.t30_set_real_time_frame_handler(_t30, &OnFrame, GCHandle.ToIntPtr(_self));
        if (o.Config is SpanDspTerminalConfig config)
        {
            SpanDspNative.t38_terminal_set_config(_state, (int)config);
        }

        SpanDspNative.t38_terminal_set_tep_mode(_state, o.Tep ? 1 : 0);
        SpanDspNative.t38_set_t38_version(_core, o.T38Version);
        SpanDspNative.t38_set_data_rate_management_method(_core, (int)o.RateManagement);
        SpanDspNative.t38_set_max_datagram_size(_core, o.MaxDatagram);
        SpanDspNative.t38_set_fastest_image_data_rate(_core, o.FastestImageDataRate);
        if (o.Redundancy is not null)
        {
            foreach ((T38PacketCategory category, int copies) in o.Redundancy)
            {
                SpanDspNative.t38_set_redundancy_control(_core, (int)category, copies);
            }
        }
    }

    private SpanDspStatistics ReadStatistics()
    {
        ObjectDisposedException.ThrowIf(_state == 0, this);
        SpanDspNative.T30Stats stats;
        SpanDspNative.t30_get_transfer_statistics(_t30, &stats);
        return SpanDspStatistics.From(stats);
    }

    private Scope Enter()
    {
        ObjectDisposedException.ThrowIf(!_self.IsAllocated, this);
        SpanDspT38Terminal? previous = _current;
        _current = this;
        return new Scope(this, previous);
    }

    private void Keep(Exception e) => _pending ??= ExceptionDispatchInfo.Capture(e);

    private static string? Utf8(nint text) => text == 0 ? null : Marshal.PtrToStringUTF8(text);

    private static SpanDspT38Terminal? From(nint userData) =>
        userData == 0 ? null : GCHandle.FromIntPtr(userData).Target as SpanDspT38Terminal;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnTxPacket(nint core, nint userData, byte* buffer, int length, int count)
    {
        SpanDspT38Terminal? terminal = From(userData);
        if (terminal is null)
        {
            return -1;
        }

        try
        {
            var packet = new SpanDspIfp(new ReadOnlySpan<byte>(buffer, length).ToArray(), count, terminal.Samples);
            terminal._sent.Add(packet);
            terminal.IfpSent?.Invoke(packet);
        }
#pragma warning disable CA1031 // Kept and rethrown once SpanDSP has returned: an exception must not unwind native frames.
        catch (Exception e)
#pragma warning restore CA1031
        {
            terminal.Keep(e);
        }

        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnPhaseE(nint t30, nint userData, int completionCode)
    {
        SpanDspT38Terminal? terminal = From(userData);
        if (terminal is null)
        {
            return;
        }

        try
        {
            terminal.CompletionCode = completionCode;
            SpanDspNative.T30Stats stats;
            SpanDspNative.t30_get_transfer_statistics(t30, &stats);
            terminal._finalStatistics = SpanDspStatistics.From(stats);
            terminal._remoteIdent = Utf8(SpanDspNative.t30_get_rx_ident(t30));
            terminal._remoteSubAddress = Utf8(SpanDspNative.t30_get_rx_sub_address(t30));
        }
#pragma warning disable CA1031 // Kept and rethrown once SpanDSP has returned.
        catch (Exception e)
#pragma warning restore CA1031
        {
            terminal.Keep(e);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnFrame(nint t30, nint userData, int incoming, byte* message, int length)
    {
        SpanDspT38Terminal? terminal = From(userData);
        terminal?._frames.Add(new SpanDspFrame(incoming != 0, new ReadOnlySpan<byte>(message, length).ToArray(), terminal.Samples));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(int level, byte* text)
    {
        SpanDspT38Terminal? terminal = _current;
        if (terminal is null || text is null)
        {
            return;
        }

        try
        {
            string line = Marshal.PtrToStringUTF8((nint)text)?.TrimEnd('\n', '\r') ?? string.Empty;
            terminal._log.Add(line);
            terminal.Logged?.Invoke(line);
        }
#pragma warning disable CA1031 // Kept and rethrown once SpanDSP has returned.
        catch (Exception e)
#pragma warning restore CA1031
        {
            terminal.Keep(e);
        }
    }

    /// <summary>Makes a terminal current for the log handler during one SpanDSP call, and rethrows what its handlers threw.</summary>
    private readonly struct Scope(SpanDspT38Terminal terminal, SpanDspT38Terminal? previous) : IDisposable
    {
        public void Dispose()
        {
            _current = previous;
            ExceptionDispatchInfo? pending = terminal._pending;
            terminal._pending = null;
            pending?.Throw();
        }
    }
}
