namespace Faxgate.Storage.Backup;

/// <summary>When the daily backup runs: once a day at a fixed time of day in UTC. Pure arithmetic on instants.</summary>
public sealed class BackupSchedule(TimeOnly timeOfDay)
{
    public TimeOnly TimeOfDay { get; } = timeOfDay;

    public static BackupSchedule From(BackupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BackupSchedule(options.ParseTimeOfDay());
    }

    /// <summary>The first run strictly after <paramref name="now"/> (a run that is due now is followed by tomorrow's).</summary>
    public DateTimeOffset NextRunAfter(DateTimeOffset now)
    {
        DateTimeOffset today = RunOn(now);
        return today > now ? today : today.AddDays(1);
    }

    /// <summary>The latest run at or before <paramref name="now"/>: the one that is due (e.g. after a server was down at that time).</summary>
    public DateTimeOffset LatestRunAtOrBefore(DateTimeOffset now)
    {
        DateTimeOffset today = RunOn(now);
        return today <= now ? today : today.AddDays(-1);
    }

    private DateTimeOffset RunOn(DateTimeOffset now)
    {
        DateOnly day = DateOnly.FromDateTime(now.UtcDateTime);
        return new DateTimeOffset(day.ToDateTime(TimeOfDay, DateTimeKind.Utc));
    }
}
