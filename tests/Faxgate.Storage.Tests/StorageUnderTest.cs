using Faxgate.Storage.Accounts;
using Faxgate.Storage.Crypto;
using Faxgate.Storage.Documents;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests;

/// <summary>A fresh database on one engine with a data folder, a server key, an account store and a document store.</summary>
internal sealed class StorageUnderTest : IDisposable
{
    public static readonly Argon2Parameters CheapArgon2 = new(MemoryKiB: 64, Iterations: 1);

    private StorageUnderTest(StorageOptions options, string dataDirectory, Database database, ServerKey serverKey, int chunkBytes)
    {
        Options = options;
        DataDirectory = dataDirectory;
        Database = database;
        ServerKey = serverKey;
        Accounts = new AccountStore(database, CheapArgon2, serverKey);
        Documents = new DocumentStore(database, serverKey, new DocumentStoreOptions { ChunkBytes = chunkBytes });
    }

    public StorageOptions Options { get; }

    public string DataDirectory { get; }

    public Database Database { get; }

    public ServerKey ServerKey { get; }

    public AccountStore Accounts { get; }

    public DocumentStore Documents { get; }

    public static async Task<StorageUnderTest> CreateAsync(string provider, string purpose, TimeProvider? time = null, int chunkBytes = 64)
    {
        string data = Repository.NewScratchDirectory(purpose);
        StorageOptions options = TestDatabases.Create(provider, data);
        Database database = await Database.OpenAsync(options, data, time ?? TimeProvider.System, CancellationToken.None);
        return new StorageUnderTest(options, data, database, ServerKey.Load(options, data), chunkBytes);
    }

    /// <summary>Creates an account "acme" (or <paramref name="handle"/>) with owner login and password; returns its id.</summary>
    public Task<long> CreateAccountAsync(string handle = "acme", string password = "owner-password") =>
        Accounts.CreateAsync(handle, $"{handle} Ltd", $"owner@{handle}.example", password, "test", CancellationToken.None);

    public async Task<AccountKey> UnlockAsync(string handle = "acme", string password = "owner-password") =>
        await Accounts.UnlockAsync($"owner@{handle}.example", password, CancellationToken.None) ?? throw new InvalidOperationException("the account did not unlock");

    public void Dispose()
    {
        ServerKey.Dispose();
        TestDatabases.Drop(Options);
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
