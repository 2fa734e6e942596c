using System.Data.Common;
using Dapper;
using Faxgate.Storage.Addressing;

namespace Faxgate.Storage.Accounts;

/// <summary>An account as other records refer to it: its id, handle and whether it is active.</summary>
internal sealed record AccountReference(long Id, string Handle, bool Active)
{
    /// <summary>Finds an account by handle; an unknown handle is the operator's mistake ("no account 'acme'").</summary>
    public static async Task<AccountReference> FindAsync(DbConnection connection, DbTransaction? transaction, string handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            "SELECT id AS Id, active AS Active FROM accounts WHERE handle = @handle", new { handle }, transaction).ConfigureAwait(false);
        return row is null
            ? throw new InvalidRequestException($"no account {InputText.Quote(handle)}")
            : new AccountReference(row.Id, handle, Convert.ToBoolean(row.Active, System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class Row
    {
        public long Id { get; set; }

        public object Active { get; set; } = false;
    }
}
