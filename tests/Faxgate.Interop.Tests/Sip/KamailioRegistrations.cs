namespace Faxgate.Interop.Tests.Sip;

/// <summary>
/// Tests that use the shared Kamailio and depend on what is registered there (a number is routed to whatever
/// registered as faxgate): they run one at a time, apart from every other test. A test that registers must
/// remove its registration before it ends.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KamailioRegistrations
{
    public const string Name = "Kamailio";
}
