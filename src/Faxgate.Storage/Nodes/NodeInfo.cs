namespace Faxgate.Storage.Nodes;

/// <summary>A Faxgate server registered on the database, with its last sign of life (unix milliseconds).</summary>
public sealed class NodeInfo
{
    public string Name { get; set; } = "";

    public string Host { get; set; } = "";

    public int Pid { get; set; }

    public string Version { get; set; } = "";

    public long StartedAt { get; set; }

    public long HeartbeatAt { get; set; }
}
