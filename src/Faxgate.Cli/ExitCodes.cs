namespace Faxgate.Cli;

/// <summary>What the faxgate command's exit status means; scripts may rely on these.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The operation failed: bad input, a failed fax, an unreachable peer. One line on stderr says why.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;
}
