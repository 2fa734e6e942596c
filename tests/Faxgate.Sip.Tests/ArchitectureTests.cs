using Faxgate.TestSupport;

namespace Faxgate.Sip.Tests;

/// <summary>
/// The shape DESIGN.md asks for: the SIP cores are sans-IO; the message layer uses no regular expressions on its hot
/// path; SDP and digest work on plain strings and octets, independent of the message types; and the SIP project
/// depends on no other Faxgate project.
/// </summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void The_message_layer_is_sans_io_and_free_of_regular_expressions() =>
        SansIo.AssertFolder("Faxgate.Sip", "Messages", @"\bRegex");

    [Theory]
    [InlineData("Transactions")]
    [InlineData("Dialogs")]
    [InlineData("UserAgent")]
    public void The_transaction_dialog_and_user_agent_layers_are_sans_io(string folder) =>
        SansIo.AssertFolder("Faxgate.Sip", folder);

    [Theory]
    [InlineData("Sdp")]
    [InlineData("Auth")]
    public void The_sdp_and_digest_cores_are_sans_io_and_independent_of_the_messages(string folder) =>
        SansIo.AssertFolder("Faxgate.Sip", folder, @"Faxgate\.Sip\.Messages");

    [Fact]
    public void The_sip_project_references_no_other_faxgate_project()
    {
        string project = File.ReadAllText(Path.Combine(Repository.Root, "src", "Faxgate.Sip", "Faxgate.Sip.csproj"));
        Assert.DoesNotContain("ProjectReference", project, StringComparison.Ordinal);
    }
}
