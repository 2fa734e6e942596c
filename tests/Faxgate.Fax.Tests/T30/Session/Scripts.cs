using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Frames;
using Faxgate.Fax.T30.Session;

namespace Faxgate.Fax.Tests.T30.Session;

/// <summary>The openings most scripted tests share: a session brought to the point where the exchange under test starts.</summary>
internal static class Scripts
{
    public static T30Options ReceiverOptions(bool ecm = false) => new() { Ident = FarEnd.ReceiverIdent, Ecm = ecm };

    public static T30Options SenderOptions(bool ecm = false) => new() { Ident = FarEnd.SenderIdent, Ecm = ecm };

    /// <summary>A receiver that has sent CED and CSI/DIS.</summary>
    public static SessionScript Receiver(T30Options? options = null)
    {
        SessionScript script = SessionScript.Started(T30Session.ForReceiving(options ?? ReceiverOptions()));
        script.ExpectTone(FaxTone.Ced);
        script.ExpectFrames(FacsimileControlField.Csi, FacsimileControlField.Dis);
        return script;
    }

    /// <summary>A receiver trained for <paramref name="dcs"/>: DCS, good TCF, CFR sent.</summary>
    public static SessionScript TrainedReceiver(DcsParameters? dcs = null, T30Options? options = null)
    {
        SessionScript script = Receiver(options ?? ReceiverOptions(ecm: dcs?.Ecm ?? false));
        dcs ??= FarEnd.Dcs();
        script.SendFrames(FarEnd.DcsFrames(script, dcs));
        script.SendTcf(dcs.Rate);
        script.ExpectFrame(FacsimileControlField.Cfr);
        return script;
    }

    /// <summary>A sender that has sent CNG and waits for DIS.</summary>
    public static SessionScript Sender(int pages = 1, T30Options? options = null)
    {
        SessionScript script = SessionScript.Started(T30Session.ForSending(FarEnd.Document(pages), options ?? SenderOptions()));
        script.ExpectTone(FaxTone.Cng);
        script.ExpectNothing();
        return script;
    }

    /// <summary>The DCS (after TSI) and TCF a sender sends, checked for <paramref name="rate"/>.</summary>
    public static DcsParameters ExpectDcsAndTcf(this SessionScript script, SignallingRate rate)
    {
        T30Frame[] frames = script.ExpectFrames(FacsimileControlField.Tsi, FacsimileControlField.Dcs);
        Assert.True(DcsParameters.TryDecode(frames[^1].Fif, out DcsParameters? dcs, out _));
        Assert.Equal(rate, dcs.Rate);
        script.ExpectTcf(rate);
        return dcs;
    }

    /// <summary>A sender that got DIS (with <paramref name="remote"/>) and CFR: the first page is on its way.</summary>
    public static (SessionScript Script, DcsParameters Dcs) TrainedSender(int pages = 1, T30Options? options = null, FaxCapabilities? remote = null)
    {
        SessionScript script = Sender(pages, options);
        script.SendFrames(FarEnd.Dis(script, remote));
        DcsParameters dcs = script.ExpectDcsAndTcf(SignallingRate.V17At14400);
        script.Send(FacsimileControlField.Cfr);
        return (script, dcs);
    }
}
