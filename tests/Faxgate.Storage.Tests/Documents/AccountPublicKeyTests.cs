using System.Security.Cryptography;
using Dapper;
using Faxgate.Storage.Crypto;
using Faxgate.Storage.Documents;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Documents;

/// <summary>
/// Someone with write access to the database cannot make faxes be archived for a key of their own: the document store
/// wraps for an account only under the public key the server sealed when it created the account.
/// </summary>
public sealed class AccountPublicKeyTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_substituted_public_key_gets_no_document_key(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "account-key-swap");
        long account = await storage.CreateAccountAsync();
        var metadata = new DocumentMetadata(DocumentKinds.Page, "image/tiff", account);
        await storage.Documents.PutAsync(new byte[] { 1, 2, 3 }, metadata, DocumentHolders.Both, CancellationToken.None);

        using ECDiffieHellman intruder = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        await storage.Database.ReadAsync(c => c.ExecuteAsync(
            "UPDATE accounts SET public_key = @key WHERE id = @account", new { key = intruder.ExportSubjectPublicKeyInfo(), account }), CancellationToken.None);
        long before = await storage.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM documents"), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<CryptographicException>(
            () => storage.Documents.PutAsync(new byte[] { 4, 5, 6 }, metadata, DocumentHolders.Both, CancellationToken.None));
        Assert.Contains("not sealed by this server's key", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await storage.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM documents"), CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_server_with_another_key_does_not_wrap_for_the_account(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "account-key-other-server");
        long account = await storage.CreateAccountAsync();
        using ServerKey other = ServerKey.FromBytes(RandomNumberGenerator.GetBytes(32));
        var documents = new DocumentStore(storage.Database, other);
        await Assert.ThrowsAsync<CryptographicException>(() => documents.PutAsync(
            new byte[] { 1 }, new DocumentMetadata(DocumentKinds.Page, "image/tiff", account), DocumentHolders.Account, CancellationToken.None));
    }
}
