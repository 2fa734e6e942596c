using Faxgate.Storage.Backup;

namespace Faxgate.Storage.Tests.Backup;

public sealed class BackupScheduleTests
{
    private static readonly BackupSchedule At0230 = new(new TimeOnly(2, 30));

    [Theory]
    [InlineData("2026-11-29T01:00:00Z", "2026-11-29T02:30:00Z")]
    [InlineData("2026-11-29T02:29:59.999Z", "2026-11-29T02:30:00Z")]
    [InlineData("2026-11-29T02:30:00Z", "2026-11-30T02:30:00Z")]
    [InlineData("2026-11-29T02:30:00.001Z", "2026-11-30T02:30:00Z")]
    [InlineData("2026-11-29T23:59:59Z", "2026-11-30T02:30:00Z")]
    [InlineData("2026-11-30T12:00:00Z", "2026-12-01T02:30:00Z")]
    [InlineData("2026-12-31T03:00:00Z", "2027-01-01T02:30:00Z")]
    [InlineData("2028-02-28T03:00:00Z", "2028-02-29T02:30:00Z")]
    [InlineData("2026-11-29T03:00:00+02:00", "2026-11-29T02:30:00Z")]
    [InlineData("2026-11-29T01:00:00-05:00", "2026-11-30T02:30:00Z")]
    public void The_next_run_is_the_first_0230_UTC_strictly_after_now(string now, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), At0230.NextRunAfter(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-11-29T02:30:00Z", "2026-11-29T02:30:00Z")]
    [InlineData("2026-11-29T02:29:59Z", "2026-11-28T02:30:00Z")]
    [InlineData("2026-11-29T18:00:00Z", "2026-11-29T02:30:00Z")]
    [InlineData("2027-01-01T00:00:00Z", "2026-12-31T02:30:00Z")]
    public void The_latest_due_run_is_the_last_0230_UTC_at_or_before_now(string now, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), At0230.LatestRunAtOrBefore(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Midnight_and_the_last_minute_of_the_day_are_scheduled_too()
    {
        var midnight = new BackupSchedule(TimeOnly.MinValue);
        var late = BackupSchedule.From(new BackupOptions { TimeOfDay = "23:59" });
        var now = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddDays(1), midnight.NextRunAfter(now));
        Assert.Equal(now, midnight.LatestRunAtOrBefore(now));
        Assert.Equal(now.AddMinutes(23 * 60 + 59), late.NextRunAfter(now));
        Assert.Equal(now.AddDays(1).AddMinutes(23 * 60 + 59), late.NextRunAfter(now.AddMinutes(23 * 60 + 59)));
    }
}
