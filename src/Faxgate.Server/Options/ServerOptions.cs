namespace Faxgate.Server.Options;

/// <summary>Settings of the Faxgate host that every deployment has (section "Server").</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>The data folder: database, key file, spool. Relative paths are from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>This node's name in logs, in the nodes table and as the owner of the job leases it holds; defaults to the host name. Unique per node.</summary>
    public string NodeName { get; set; } = Environment.MachineName;

    /// <summary>How often this node writes its heartbeat into the nodes table (seconds).</summary>
    public int HeartbeatSeconds { get; set; } = 10;
}
