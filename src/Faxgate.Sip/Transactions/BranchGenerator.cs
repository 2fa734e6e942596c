namespace Faxgate.Sip.Transactions;

/// <summary>Makes the branch of a new client transaction; it must start with <see cref="Branches.MagicCookie"/>.</summary>
public delegate string BranchGenerator();
