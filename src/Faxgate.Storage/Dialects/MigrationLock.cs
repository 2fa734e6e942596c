using System.Data.Common;

namespace Faxgate.Storage.Dialects;

/// <summary>
/// Held while one server migrates the schema; others wait. <see cref="Transaction"/> is the transaction the
/// migrations run in where the engine can roll DDL back (SQLite), or null where each statement commits (MariaDB).
/// </summary>
public sealed class MigrationLock(DbTransaction? transaction, Func<Task> release) : IAsyncDisposable
{
    private bool _released;

    public DbTransaction? Transaction { get; } = transaction;

    /// <summary>Makes the migrations permanent and releases the lock.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Transaction is not null)
        {
            await Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        if (Transaction is not null)
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
        }

        await release().ConfigureAwait(false);
    }
}
