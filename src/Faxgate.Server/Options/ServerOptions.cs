namespace Faxgate.Server.Options;

/// <summary>Settings of the Faxgate host that every deployment has (section "Server").</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>The data folder: database, key file, spool. Relative paths are from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>This node's name in logs and, later, in the nodes table; defaults to the host name.</summary>
    public string NodeName { get; set; } = Environment.MachineName;
}
