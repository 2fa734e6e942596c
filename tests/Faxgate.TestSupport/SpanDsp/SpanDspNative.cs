using System.Runtime.InteropServices;

namespace Faxgate.TestSupport.SpanDsp;

/// <summary>
/// The C API of SpanDSP 0.0.6 (Debian libspandsp2) that the T.38 terminal tests use, checked
/// against /usr/include/spandsp (t38_terminal.h, t38_core.h, t30.h, t30_api.h, t30_logging.h,
/// logging.h). Every export is plain C; every callback runs on the calling thread.
/// State pointers are opaque <see cref="nint"/>s.
/// </summary>
internal static unsafe partial class SpanDspNative
{
    /// <summary>The shared library's name.</summary>
    internal const string Library = "libspandsp.so.2";

    // t38_terminal.h

    /// <summary><c>t38_tx_packet_handler_t</c>: (t38_core_state_t*, void* user_data, const uint8_t* buf, int len, int count).</summary>
    [LibraryImport(Library)]
    public static partial nint t38_terminal_init(
        nint state,
        int callingParty,
        delegate* unmanaged[Cdecl]<nint, nint, byte*, int, int, int> txPacketHandler,
        nint txPacketUserData);

    [LibraryImport(Library)]
    public static partial int t38_terminal_free(nint state);

    [LibraryImport(Library)]
    public static partial nint t38_terminal_get_t30_state(nint state);

    [LibraryImport(Library)]
    public static partial nint t38_terminal_get_t38_core_state(nint state);

    [LibraryImport(Library)]
    public static partial nint t38_terminal_get_logging_state(nint state);

    /// <summary>Advances time by <paramref name="samples"/> (8 kHz); non-zero when the call is over.</summary>
    [LibraryImport(Library)]
    public static partial int t38_terminal_send_timeout(nint state, int samples);

    /// <summary>A combination of the T38_TERMINAL_OPTION_* bits (<see cref="SpanDspTerminalConfig"/>).</summary>
    [LibraryImport(Library)]
    public static partial void t38_terminal_set_config(nint state, int config);

    [LibraryImport(Library)]
    public static partial void t38_terminal_set_tep_mode(nint state, int useTep);

    [LibraryImport(Library)]
    public static partial void t38_terminal_set_fill_bit_removal(nint state, int remove);

    // t38_core.h

    /// <summary>One received IFP packet, from an unreliable stream: SpanDSP checks the sequence number itself.</summary>
    [LibraryImport(Library)]
    public static partial int t38_core_rx_ifp_packet(nint core, byte* buffer, int length, ushort sequenceNumber);

    [LibraryImport(Library)]
    public static partial void t38_set_t38_version(nint core, int t38Version);

    /// <summary>1 = local TCF, 2 = transferred TCF.</summary>
    [LibraryImport(Library)]
    public static partial void t38_set_data_rate_management_method(nint core, int method);

    [LibraryImport(Library)]
    public static partial void t38_set_max_datagram_size(nint core, int maxDatagramSize);

    [LibraryImport(Library)]
    public static partial void t38_set_fastest_image_data_rate(nint core, int maxRate);

    /// <summary>How many times packets of a T38_PACKET_CATEGORY_* are sent.</summary>
    [LibraryImport(Library)]
    public static partial void t38_set_redundancy_control(nint core, int category, int setting);

    [LibraryImport(Library)]
    public static partial nint t38_core_get_logging_state(nint core);

    [LibraryImport(Library)]
    public static partial nint t38_indicator_to_str(int indicator);

    [LibraryImport(Library)]
    public static partial nint t38_data_type_to_str(int dataType);

    [LibraryImport(Library)]
    public static partial nint t38_field_type_to_str(int fieldType);

    // t30_api.h

    /// <summary>Copies the path; -1, -1 sends every page.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void t30_set_tx_file(nint t30, string file, int startPage, int stopPage);

    /// <summary>Copies the path; -1 receives every page.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void t30_set_rx_file(nint t30, string file, int stopPage);

    /// <summary>-1 for an ident longer than 20 characters.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int t30_set_tx_ident(nint t30, string? id);

    /// <summary>A pointer into the T.30 state (NUL-terminated).</summary>
    [LibraryImport(Library)]
    public static partial nint t30_get_rx_ident(nint t30);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int t30_set_tx_sub_address(nint t30, string? subAddress);

    [LibraryImport(Library)]
    public static partial nint t30_get_rx_sub_address(nint t30);

    [LibraryImport(Library)]
    public static partial int t30_set_ecm_capability(nint t30, int enabled);

    /// <summary>T30_SUPPORT_* compression bits (<see cref="SpanDspCompressions"/>).</summary>
    [LibraryImport(Library)]
    public static partial int t30_set_supported_compressions(nint t30, int supportedCompressions);

    /// <summary>T30_SUPPORT_* modem bits (<see cref="SpanDspModems"/>).</summary>
    [LibraryImport(Library)]
    public static partial int t30_set_supported_modems(nint t30, int supportedModems);

    /// <summary>T30_SUPPORT_* width and length bits (<see cref="SpanDspImageSizes"/>).</summary>
    [LibraryImport(Library)]
    public static partial int t30_set_supported_image_sizes(nint t30, int supportedImageSizes);

    /// <summary>T30_SUPPORT_* resolution bits (<see cref="SpanDspResolutions"/>).</summary>
    [LibraryImport(Library)]
    public static partial int t30_set_supported_resolutions(nint t30, int supportedResolutions);

    /// <summary>The minimum scan line time in milliseconds the receiver asks for.</summary>
    [LibraryImport(Library)]
    public static partial int t30_set_minimum_scan_line_time(nint t30, int minTime);

    /// <summary><c>t30_phase_e_handler_t</c>: (t30_state_t*, void* user_data, int completion_code).</summary>
    [LibraryImport(Library)]
    public static partial void t30_set_phase_e_handler(nint t30, delegate* unmanaged[Cdecl]<nint, nint, int, void> handler, nint userData);

    /// <summary><c>t30_real_time_frame_handler_t</c>: (t30_state_t*, void* user_data, int incoming, const uint8_t* msg, int len).</summary>
    [LibraryImport(Library)]
    public static partial void t30_set_real_time_frame_handler(nint t30, delegate* unmanaged[Cdecl]<nint, nint, int, byte*, int, void> handler, nint userData);

    [LibraryImport(Library)]
    public static partial nint t30_get_logging_state(nint t30);

    // t30.h

    [LibraryImport(Library)]
    public static partial void t30_get_transfer_statistics(nint t30, T30Stats* statistics);

    /// <summary>Ends the call at once; phase E runs.</summary>
    [LibraryImport(Library)]
    public static partial void t30_terminate(nint t30);

    [LibraryImport(Library)]
    public static partial int t30_call_active(nint t30);

    // t30_logging.h

    [LibraryImport(Library)]
    public static partial nint t30_completion_code_to_str(int result);

    [LibraryImport(Library)]
    public static partial nint t30_frametype(byte x);

    // logging.h

    [LibraryImport(Library)]
    public static partial int span_log_set_level(nint logging, int level);

    /// <summary>Keeps the pointer: the tag must outlive the logging state.</summary>
    [LibraryImport(Library)]
    public static partial int span_log_set_tag(nint logging, byte* tag);

    /// <summary><c>message_handler_func_t</c>: (int level, const char* text); no user data.</summary>
    [LibraryImport(Library)]
    public static partial void span_log_set_message_handler(nint logging, delegate* unmanaged[Cdecl]<int, byte*, void> handler);

    /// <summary><c>t30_stats_t</c> of SpanDSP 0.0.6: fifteen ints, in the order of t30.h.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct T30Stats
    {
        public int BitRate;
        public int ErrorCorrectingMode;
        public int PagesTx;
        public int PagesRx;
        public int PagesInFile;
        public int XResolution;
        public int YResolution;
        public int Width;
        public int Length;
        public int ImageSize;
        public int Encoding;
        public int BadRows;
        public int LongestBadRowRun;
        public int ErrorCorrectingModeRetries;
        public int CurrentStatus;
    }
}
