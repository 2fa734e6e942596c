using System.Runtime.InteropServices;

namespace Faxgate.Bench;

/// <summary>CPU time the calling thread has used (clock_gettime CLOCK_THREAD_CPUTIME_ID).</summary>
public static unsafe partial class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan Now()
    {
        TimeSpec t;
        if (clock_gettime(ClockThreadCpuTimeId, &t) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }

        return TimeSpan.FromTicks((t.Seconds * TimeSpan.TicksPerSecond) + (t.Nanoseconds / 100));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc")]
    private static partial int clock_gettime(int clock, TimeSpec* time);
}
