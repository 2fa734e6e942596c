using System.Security.Cryptography;
using Faxgate.Storage.Crypto;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Crypto;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServerKeyTests
{
    [Fact]
    public void The_key_file_is_created_on_first_use_private_to_its_owner_and_reused()
    {
        string data = Repository.NewScratchDirectory("server-key");
        using ServerKey first = ServerKey.Load(new StorageOptions(), data);
        string path = Path.Combine(data, "keys", "server.key");
        Assert.Equal(path, first.Source);
        Assert.True(File.Exists(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));

        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(path).Trim()).Length);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
        using ServerKey second = ServerKey.Load(new StorageOptions(), data);
        Assert.Equal(first.Id, second.Id);
        Assert.Matches("^[0-9a-f]{16}$", first.Id);
    }

    [Fact]
    public void Servers_starting_together_share_one_new_key()
    {
        string data = Repository.NewScratchDirectory("server-key-race");
        ServerKey[] keys = Enumerable.Range(0, 8).AsParallel().Select(_ => ServerKey.Load(new StorageOptions(), data)).ToArray();
        Assert.Single(keys.Select(key => key.Id).Distinct());
        Assert.Single(Directory.GetFiles(Path.Combine(data, "keys")));
    }

    [Fact]
    public void A_configured_key_file_is_used_instead_of_the_data_folder()
    {
        string data = Repository.NewScratchDirectory("server-key-configured");
        string elsewhere = Path.Combine(Repository.NewScratchDirectory("server-key-elsewhere"), "secret", "faxgate.key");
        using ServerKey key = ServerKey.Load(new StorageOptions { KeyFile = elsewhere }, data);
        Assert.True(File.Exists(elsewhere));
        Assert.False(Directory.Exists(Path.Combine(data, "keys")));
    }

    [Fact]
    public void The_key_setting_wins_over_the_key_file()
    {
        string data = Repository.NewScratchDirectory("server-key-env");
        using ServerKey fromFile = ServerKey.Load(new StorageOptions(), data);
        byte[] bytes = RandomNumberGenerator.GetBytes(32);
        using ServerKey fromSetting = ServerKey.Load(new StorageOptions { Key = Convert.ToBase64String(bytes) }, data);
        using ServerKey expected = ServerKey.FromBytes(bytes);
        Assert.Equal(expected.Id, fromSetting.Id);
        Assert.NotEqual(fromFile.Id, fromSetting.Id);
        Assert.Equal("Storage:Key", fromSetting.Source);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("c2hvcnQ=")]
    [InlineData("")]
    public void A_malformed_or_short_key_is_a_configuration_error(string text)
    {
        string data = Repository.NewScratchDirectory("server-key-bad");
        if (text.Length > 0)
        {
            var refused = Assert.Throws<StorageConfigurationException>(() => ServerKey.Load(new StorageOptions { Key = text }, data));
            Assert.Contains("Storage:Key", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(text, refused.Message, StringComparison.Ordinal);
        }

        string path = Path.Combine(data, "bad.key");
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var fromFile = Assert.Throws<StorageConfigurationException>(() => ServerKey.Load(new StorageOptions { KeyFile = path }, data));
        Assert.Contains(path, fromFile.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_readable_by_others_is_refused_with_the_fix()
    {
        string data = Repository.NewScratchDirectory("server-key-mode");
        using (ServerKey.Load(new StorageOptions(), data))
        {
        }

        string path = Path.Combine(data, "keys", "server.key");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var refused = Assert.Throws<StorageConfigurationException>(() => ServerKey.Load(new StorageOptions(), data));
        Assert.Contains("chmod 600", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_key_file_is_a_configuration_error()
    {
        // A file every user may open but nobody can read from the start (reading it fails with EIO), so the check holds
        // for root too, who could read a file of mode 000.
        string data = Repository.NewScratchDirectory("server-key-unreadable");
        var options = new StorageOptions { KeyFile = "/proc/self/mem" };
        var refused = Assert.Throws<StorageConfigurationException>(() => ServerKey.Load(options, data));
        Assert.Contains("cannot read the server key file /proc/self/mem", refused.Message, StringComparison.Ordinal);
    }
}
