using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;
using Faxgate.TestSupport.SpanDsp;

namespace Faxgate.Interop.Tests.SpanDsp;

/// <summary>The SpanDSP wrapper itself: handlers, logs, frames, failures, disposal.</summary>
public sealed class SpanDspTerminalTests
{
    [SkippableFact]
    public void An_exception_in_a_packet_handler_surfaces_from_the_call_that_ran_it()
    {
        SpanDspT38Terminal.Require();
        using var caller = new SpanDspT38Terminal(calling: true);
        caller.IfpSent += _ => throw new InvalidOperationException("handler failed");

        var e = Assert.Throws<InvalidOperationException>(() => caller.Advance(160));
        Assert.Equal("handler failed", e.Message);
        Assert.NotEmpty(caller.Sent);
    }

    [SkippableFact]
    public void Log_lines_go_to_the_terminal_that_made_them()
    {
        SpanDspT38Terminal.Require();
        using var caller = new SpanDspT38Terminal(calling: true, new SpanDspT38Options { LogLevel = SpanDspLogLevel.Debug });
        using var answerer = new SpanDspT38Terminal(calling: false, new SpanDspT38Options { LogLevel = SpanDspLogLevel.None });
        var link = new SpanDspBackToBack(caller, answerer);
        for (int i = 0; i < 50; i++)
        {
            _ = link.Step();
        }

        Assert.Contains(caller.Log, l => l.Contains("indicator cng", StringComparison.Ordinal));
        Assert.Empty(answerer.Log);
    }

    [SkippableFact]
    public void Answerer_sends_CSI_and_DIS_first_and_the_caller_answers_with_TSI_and_DCS()
    {
        SpanDspT38Terminal.Require();
        string dir = Repository.NewScratchDirectory("spandsp-frames");
        string txPath = Path.Combine(dir, "tx.tif");
        TiffWriter.Write(txPath, [TestPages.Document(1728, 400, 1, PageResolution.Fine)], new TiffWriteOptions { Scheme = CodingScheme.Mh });
        using var caller = new SpanDspT38Terminal(calling: true, new SpanDspT38Options { LocalIdent = "ABC" });
        using var answerer = new SpanDspT38Terminal(calling: false);
        caller.SetTxFile(txPath);
        answerer.SetRxFile(Path.Combine(dir, "rx.tif"));
        Assert.True(new SpanDspBackToBack(caller, answerer).Run());

        // Frames as the handler gives them: address, control (0x13 on the last frame), FCF, info; no FCS.
        byte[][] sent = answerer.Frames.Where(f => !f.Incoming).Select(f => f.Frame).ToArray();
        Assert.Equal([0xFF, 0x03, 0x40], sent[0][..3]);
        Assert.Equal([0xFF, 0x13, 0x80], sent[1][..3]);
        byte[][] callerSent = caller.Frames.Where(f => !f.Incoming).Select(f => f.Frame).ToArray();
        Assert.Equal([0xFF, 0x03, 0x43], callerSent[0][..3]);
        Assert.Equal([0xFF, 0x13, 0x83], callerSent[1][..3]);
        Assert.Equal("ABC", answerer.RemoteIdent);
        Assert.Equal([0xFF, 0x13, 0xFB], callerSent[^1]);
    }

    [SkippableFact]
    public void A_caller_without_an_answerer_gives_up_when_T0_expires()
    {
        SpanDspT38Terminal.Require();
        using var caller = new SpanDspT38Terminal(calling: true);
        long samples = 0;
        while (!caller.Advance(160) && samples < 8000L * 120)
        {
            samples += 160;
        }

        Assert.True(caller.Completed);
        Assert.True(caller.CompletionCode == 2, $"{caller.CompletionCode} {caller.CompletionText} after {samples / 8000.0} s"); // T30_ERR_T0_EXPIRED
        Assert.InRange(samples / 8000.0, 59, 61); // T0 is 60 s in 0.0.6
        Assert.False(string.IsNullOrEmpty(caller.CompletionText));
    }

    [SkippableFact]
    public void Terminate_ends_the_call_with_phase_E_and_dispose_is_idempotent()
    {
        SpanDspT38Terminal.Require();
        var answerer = new SpanDspT38Terminal(calling: false);
        _ = answerer.Advance(160);
        answerer.Terminate();
        Assert.True(answerer.Completed);
        answerer.Dispose();
        answerer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => answerer.Advance(160));
    }
}
