namespace Faxgate.Storage.Queue;

/// <summary>The wait before a failed job runs again: base x 2^(attempt-1), capped, less a random share.</summary>
public static class RetryBackoff
{
    /// <summary>
    /// The wait after attempt <paramref name="attempt"/> (from 1) failed. <paramref name="random"/> is a number in
    /// [0, 1) that picks how much of the jitter share is taken off.
    /// </summary>
    public static TimeSpan Delay(QueueOptions options, int attempt, double random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        double baseMs = options.BaseRetryDelay.TotalMilliseconds;
        double capMs = options.MaxRetryDelay.TotalMilliseconds;
        // 2^62 overflows nothing in a double; the cap keeps the result sane.
        double ms = Math.Min(capMs, baseMs * Math.Pow(2, Math.Min(attempt - 1, 62)));
        ms -= ms * options.RetryJitter * Math.Clamp(random, 0, 1);
        return TimeSpan.FromMilliseconds(Math.Floor(ms));
    }
}
