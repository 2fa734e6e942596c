using System.Net;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>How <see cref="TestSipPeer.AnswerCallAsync"/> behaves as the called party.</summary>
internal sealed record TestCalleePlan
{
    /// <summary>The port put in our SDP (audio, or UDPTL for T.38): where the test's media terminal listens.</summary>
    public required int MediaPort { get; init; }

    /// <summary>Answer a T.38 offer in the INVITE with T.38 (otherwise the answer is audio).</summary>
    public bool AnswerT38Directly { get; init; }

    /// <summary>The final response to the INVITE: 200, or a refusal such as 486 Busy Here.</summary>
    public int FinalStatus { get; init; } = 200;

    /// <summary>How long to ring (after 180) before the final response.</summary>
    public TimeSpan RingTime { get; init; }

    /// <summary>The response to a re-INVITE: 200 (answered with T.38 when T.38 is offered), or e.g. 488 to refuse it.</summary>
    public int ReinviteStatus { get; init; } = 200;

    /// <summary>After the ACK, the callee itself asks for T.38 with a re-INVITE.</summary>
    public bool SendT38Reinvite { get; init; }

    /// <summary>
    /// When this completes (once the call is up), the callee hangs up itself: it sends BYE and returns when the BYE
    /// is answered (or the far end's own BYE crossed it).
    /// </summary>
    public Task? HangUpWhen { get; init; }

    /// <summary>Told the far end's UDPTL endpoint as soon as the T.38 negotiation settles it.</summary>
    public Action<IPEndPoint>? OnT38 { get; init; }

    /// <summary>The longest the whole call may take before <see cref="TimeoutException"/>.</summary>
    public TimeSpan CallLimit { get; init; } = TimeSpan.FromMinutes(3);
}

/// <summary>What happened in a call <see cref="TestSipPeer.AnswerCallAsync"/> answered.</summary>
internal sealed class TestAnsweredCall(TestSipMessage invite, TestDialog dialog)
{
    public TestSipMessage Invite { get; } = invite;

    /// <summary>Our side of the call (usable for <see cref="TestSipPeer.SendBye"/> from the test).</summary>
    public TestDialog Dialog { get; } = dialog;

    /// <summary>Every final response we sent to the initial INVITE (more than one when it was retransmitted).</summary>
    public List<TestSipMessage> FinalResponses { get; } = [];

    public TestSipMessage? Ack { get; internal set; }

    /// <summary>The re-INVITEs the far end sent, retransmissions included.</summary>
    public List<TestSipMessage> Reinvites { get; } = [];

    /// <summary>The final response to our own re-INVITE (<see cref="TestCalleePlan.SendT38Reinvite"/>).</summary>
    public TestSipMessage? ReinviteAnswer { get; internal set; }

    /// <summary>The far end's UDPTL endpoint, once T.38 was agreed.</summary>
    public IPEndPoint? RemoteT38 { get; internal set; }

    public TestSipMessage? Cancel { get; internal set; }

    /// <summary>The far end's BYE.</summary>
    public TestSipMessage? Bye { get; internal set; }

    /// <summary>Our own BYE (<see cref="TestCalleePlan.HangUpWhen"/>) and its final response.</summary>
    public TestSipMessage? SentBye { get; internal set; }

    public TestSipMessage? SentByeAnswer { get; internal set; }

    /// <summary>Requests other than those above (UPDATE, INFO, OPTIONS), each answered 200.</summary>
    public List<TestSipMessage> Others { get; } = [];
}
