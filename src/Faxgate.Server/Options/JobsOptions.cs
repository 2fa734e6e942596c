using Faxgate.Storage.Queue;

namespace Faxgate.Server.Options;

/// <summary>How this node works the shared job queue (configuration section "Jobs").</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Jobs this node runs at the same time.</summary>
    public int Slots { get; set; } = 4;

    /// <summary>
    /// How long a claimed job stays this node's without renewal (renewed every third of it). When a node dies, other
    /// nodes take its jobs over once this has passed.
    /// </summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often an idle node looks for due jobs.</summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>Attempts a job gets before it is dead-lettered (see `faxgate jobs list --state dead`).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after a job's first failure; it doubles with each further failure.</summary>
    public int RetryBaseSeconds { get; set; } = 30;

    /// <summary>The longest wait between attempts.</summary>
    public int RetryMaxSeconds { get; set; } = 3600;

    /// <summary>The time of day (UTC, HH:mm) at which documents whose retention ended are crypto-shredded.</summary>
    public string RetentionTimeOfDay { get; set; } = "03:30";

    public QueueOptions ToQueueOptions()
    {
        var options = new QueueOptions
        {
            DefaultMaxAttempts = MaxAttempts,
            BaseRetryDelay = TimeSpan.FromSeconds(RetryBaseSeconds),
            MaxRetryDelay = TimeSpan.FromSeconds(RetryMaxSeconds),
        };
        options.Validate();
        return options;
    }

    public JobRunnerOptions ToRunnerOptions(string owner)
    {
        var options = new JobRunnerOptions
        {
            Owner = owner,
            Slots = Slots,
            LeaseDuration = TimeSpan.FromSeconds(LeaseSeconds),
            PollInterval = TimeSpan.FromSeconds(PollSeconds),
        };
        options.Validate();
        return options;
    }
}
