namespace Faxgate.Fax.T30.Session;

/// <summary>The session's timers: one protocol timer (T2, T4 or T5) at a time, with T1 beside it in phase B.</summary>
public sealed partial class T30Session
{
    private void StartTimer(TimerKind kind, TimeSpan now)
    {
        _timer = kind;
        _timerDeadline = now + kind switch
        {
            TimerKind.T2 => _options.T2,
            TimerKind.T4 => _options.T4,
            TimerKind.T5 => _options.T5,
            TimerKind.Cng => _options.CngInterval,
            _ => TimeSpan.Zero,
        };
    }

    private void StopTimer()
    {
        _timer = TimerKind.None;
        _timerAfterTransmit = TimerKind.None;
    }

    /// <summary>A signal from the far end is arriving: do not time out in the middle of it (T.30 5.4.3.1).</summary>
    private void ExtendResponseTimer(TimeSpan now)
    {
        if (_timer is TimerKind.T2 or TimerKind.T4 && _timerDeadline < now + _options.T4)
        {
            _timerDeadline = now + _options.T4;
        }
    }
}
