namespace Faxgate.Server.Workers;

/// <summary>A job that one node of the cluster runs once a day at a time of day (UTC).</summary>
internal sealed record DailyJob(string Kind, TimeOnly TimeOfDay);
