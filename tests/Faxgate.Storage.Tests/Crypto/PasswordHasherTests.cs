using System.Diagnostics;
using Faxgate.Storage.Crypto;

namespace Faxgate.Storage.Tests.Crypto;

public sealed class PasswordHasherTests
{
    private static readonly Argon2Parameters Cheap = new(MemoryKiB: 1024, Iterations: 1);

    [Fact]
    public void A_hash_verifies_its_password_and_no_other()
    {
        string hash = PasswordHasher.Hash("correct horse", Cheap);
        Assert.StartsWith("$argon2id$v=19$m=1024,t=1,p=1$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify(hash, "correct horse"));
        Assert.False(PasswordHasher.Verify(hash, "correct horsf"));
        Assert.False(PasswordHasher.Verify(hash, ""));
    }

    [Fact]
    public void The_same_password_hashes_differently_each_time()
    {
        Assert.NotEqual(PasswordHasher.Hash("pw", Cheap), PasswordHasher.Hash("pw", Cheap));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=1024,t=1000,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=1024,t=1,p=1$!!!$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=1024,t=1,p=1,x=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    public void Malformed_or_oversized_hashes_never_match(string encoded)
    {
        var clock = Stopwatch.StartNew();
        Assert.False(PasswordHasher.Verify(encoded, "pw"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }
}
