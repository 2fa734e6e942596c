using System.Diagnostics;

namespace Faxgate.Bench;

/// <summary>Times of one operation over the timed runs.</summary>
public sealed class Timings
{
    private readonly List<double> _seconds = [];

    public int Count => _seconds.Count;

    public double Median
    {
        get
        {
            if (_seconds.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _seconds.Order().ToList();
            int middle = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public double Min => _seconds.Count == 0 ? double.NaN : _seconds.Min();

    public double Max => _seconds.Count == 0 ? double.NaN : _seconds.Max();

    /// <summary>Runs <paramref name="action"/> once after a full collection; records its time when <paramref name="record"/>.</summary>
    public void Measure(Action action, bool record)
    {
        ArgumentNullException.ThrowIfNull(action);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long start = Stopwatch.GetTimestamp();
        action();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (record)
        {
            _seconds.Add(seconds);
        }
    }
}

/// <summary>One operation done by Faxgate and by libtiff on the same input, timed alternately.</summary>
public sealed class Comparison(string scheme, string operation, Action faxgate, Action libTiff)
{
    public string Scheme { get; } = scheme;

    public string Operation { get; } = operation;

    public Timings Faxgate { get; } = new();

    public Timings LibTiff { get; } = new();

    /// <summary>One run of both sides; which goes first alternates from run to run.</summary>
    public void Run(int run, bool record)
    {
        if (run % 2 == 0)
        {
            Faxgate.Measure(faxgate, record);
            LibTiff.Measure(libTiff, record);
        }
        else
        {
            LibTiff.Measure(libTiff, record);
            Faxgate.Measure(faxgate, record);
        }
    }
}
