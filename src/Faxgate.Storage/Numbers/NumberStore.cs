using System.Data.Common;
using System.Globalization;
using Dapper;
using Faxgate.Storage.Accounts;
using Faxgate.Storage.Addressing;
using Faxgate.Storage.Audit;

namespace Faxgate.Storage.Numbers;

/// <summary>
/// Fax numbers (DIDs): which account owns each, whether it takes calls, which addresses its faxes are mailed to and
/// in which format. Every change is written to the audit log in the same transaction.
/// </summary>
public sealed class NumberStore(Database database)
{
    /// <summary>How many addresses one number may mail to.</summary>
    public const int MaxEmails = 10;

    private const string RowColumns =
        "n.id AS Id, n.e164 AS E164, n.account_id AS AccountId, a.handle AS Handle, n.active AS Active, a.active AS AccountActive, " +
        "n.attachment_format AS Format, n.created_at AS CreatedAt";

    private readonly Database _database = database ?? throw new ArgumentNullException(nameof(database));

    public Task AddAsync(
        E164Number number, string accountHandle, IReadOnlyCollection<EmailAddress> emails, AttachmentFormat format, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        IReadOnlyList<EmailAddress> addresses = Distinct(emails);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            AccountReference account = await AccountReference.FindAsync(connection, transaction, accountHandle).ConfigureAwait(false);
            if (await FindIdAsync(connection, transaction, number).ConfigureAwait(false) is not null)
            {
                throw Duplicate(number);
            }

            long now = _database.Now;
            try
            {
                await connection.ExecuteAsync(
                    "INSERT INTO numbers (e164, account_id, active, attachment_format, created_at, updated_at) VALUES (@e164, @account, @active, @format, @now, @now)",
                    new { e164 = number.Value, account = account.Id, active = true, format = format.Name(), now },
                    transaction).ConfigureAwait(false);
            }
            catch (DbException exception) when (_database.Dialect.IsUniqueViolation(exception))
            {
                throw Duplicate(number);
            }

            long id = await FindIdAsync(connection, transaction, number).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"number {number} vanished while it was added");
            await InsertEmailsAsync(connection, transaction, id, addresses).ConfigureAwait(false);
            await AuditLog.RecordAsync(connection, transaction, now, actor, "number.add", number.Value,
                $"account={account.Handle} format={format.Name()} emails={string.Join(',', addresses)}").ConfigureAwait(false);
            return id;
        }, cancellationToken);
    }

    /// <summary>Every number, or one account's (an unknown account is an error), ordered by number.</summary>
    public Task<IReadOnlyList<NumberEntry>> ListAsync(string? accountHandle, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<NumberEntry>>(async connection =>
        {
            long? accountId = accountHandle is null ? null : (await AccountReference.FindAsync(connection, null, accountHandle).ConfigureAwait(false)).Id;
            string filter = accountId is null ? "" : " WHERE n.account_id = @accountId";
            List<Row> rows = (await connection.QueryAsync<Row>(
                $"SELECT {RowColumns} FROM numbers n JOIN accounts a ON a.id = n.account_id{filter}", new { accountId }).ConfigureAwait(false)).AsList();
            ILookup<long, EmailAddress> emails = await EmailsAsync(connection, accountId).ConfigureAwait(false);
            return [.. rows
                .Select(r => new NumberEntry(E164Number.Parse(r.E164), r.Handle, r.IsActive, AttachmentFormats.Parse(r.Format), [.. emails[r.Id]], r.CreatedAt))
                .OrderBy(e => e.Number.Value, StringComparer.Ordinal)];
        }, cancellationToken);

    /// <summary>Where a call to <paramref name="number"/> goes, or null when Faxgate does not know the number.</summary>
    public Task<NumberRoute?> FindRouteAsync(E164Number number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        return _database.ReadAsync(async connection =>
        {
            Row? row = await connection.QuerySingleOrDefaultAsync<Row>(
                $"SELECT {RowColumns} FROM numbers n JOIN accounts a ON a.id = n.account_id WHERE n.e164 = @e164", new { e164 = number.Value }).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            IEnumerable<string> emails = await connection.QueryAsync<string>(
                "SELECT email FROM number_emails WHERE number_id = @id", new { id = row.Id }).ConfigureAwait(false);
            return new NumberRoute(row.Id, number, row.AccountId, row.Handle, row.IsActive && row.IsAccountActive,
                Sorted(emails.Select(EmailAddress.Parse)), AttachmentFormats.Parse(row.Format));
        }, cancellationToken);
    }

    public Task EnableAsync(E164Number number, string actor, CancellationToken cancellationToken) =>
        UpdateAsync(number, actor, "number.enable", null, "active = @value", true, cancellationToken);

    public Task DisableAsync(E164Number number, string actor, CancellationToken cancellationToken) =>
        UpdateAsync(number, actor, "number.disable", null, "active = @value", false, cancellationToken);

    public Task SetFormatAsync(E164Number number, AttachmentFormat format, string actor, CancellationToken cancellationToken) =>
        UpdateAsync(number, actor, "number.set-format", $"format={format.Name()}", "attachment_format = @value", format.Name(), cancellationToken);

    /// <summary>Replaces the addresses a number's faxes are mailed to (1 to <see cref="MaxEmails"/>).</summary>
    public Task SetEmailAsync(E164Number number, IReadOnlyCollection<EmailAddress> emails, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        IReadOnlyList<EmailAddress> addresses = Distinct(emails);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            long id = await RequireIdAsync(connection, transaction, number).ConfigureAwait(false);
            long now = _database.Now;
            await connection.ExecuteAsync("DELETE FROM number_emails WHERE number_id = @id", new { id }, transaction).ConfigureAwait(false);
            await InsertEmailsAsync(connection, transaction, id, addresses).ConfigureAwait(false);
            await connection.ExecuteAsync("UPDATE numbers SET updated_at = @now WHERE id = @id", new { id, now }, transaction).ConfigureAwait(false);
            await AuditLog.RecordAsync(connection, transaction, now, actor, "number.set-email", number.Value, $"emails={string.Join(',', addresses)}").ConfigureAwait(false);
            return id;
        }, cancellationToken);
    }

    /// <summary>Deletes a number and its addresses; faxes it received keep their record.</summary>
    public Task RemoveAsync(E164Number number, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            long id = await RequireIdAsync(connection, transaction, number).ConfigureAwait(false);
            await connection.ExecuteAsync("DELETE FROM number_emails WHERE number_id = @id", new { id }, transaction).ConfigureAwait(false);
            await connection.ExecuteAsync("DELETE FROM numbers WHERE id = @id", new { id }, transaction).ConfigureAwait(false);
            await AuditLog.RecordAsync(connection, transaction, _database.Now, actor, "number.remove", number.Value).ConfigureAwait(false);
            return id;
        }, cancellationToken);
    }

    private Task<long> UpdateAsync(E164Number number, string actor, string action, string? detail, string assignment, object value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            long id = await RequireIdAsync(connection, transaction, number).ConfigureAwait(false);
            long now = _database.Now;
            await connection.ExecuteAsync($"UPDATE numbers SET {assignment}, updated_at = @now WHERE id = @id", new { id, now, value }, transaction).ConfigureAwait(false);
            await AuditLog.RecordAsync(connection, transaction, now, actor, action, number.Value, detail).ConfigureAwait(false);
            return id;
        }, cancellationToken);
    }

    private static EmailAddress[] Distinct(IReadOnlyCollection<EmailAddress> emails)
    {
        ArgumentNullException.ThrowIfNull(emails);
        // Mail systems treat local parts without regard to case, and MariaDB's collation would refuse both spellings.
        EmailAddress[] distinct = [.. emails.DistinctBy(e => e.Value, StringComparer.OrdinalIgnoreCase)];
        return distinct.Length is >= 1 and <= MaxEmails
            ? distinct
            : throw new InvalidRequestException($"a number mails to 1 to {MaxEmails} email addresses, not {distinct.Length}");
    }

    private static IReadOnlyList<EmailAddress> Sorted(IEnumerable<EmailAddress> emails) =>
        [.. emails.OrderBy(e => e.Value, StringComparer.Ordinal)];

    private static async Task InsertEmailsAsync(DbConnection connection, DbTransaction transaction, long id, IReadOnlyList<EmailAddress> emails)
    {
        foreach (EmailAddress email in emails)
        {
            await connection.ExecuteAsync("INSERT INTO number_emails (number_id, email) VALUES (@id, @email)", new { id, email = email.Value }, transaction).ConfigureAwait(false);
        }
    }

    private static async Task<ILookup<long, EmailAddress>> EmailsAsync(DbConnection connection, long? accountId)
    {
        string filter = accountId is null ? "" : " WHERE n.account_id = @accountId";
        IEnumerable<EmailRow> rows = await connection.QueryAsync<EmailRow>(
            $"SELECT e.number_id AS NumberId, e.email AS Email FROM number_emails e JOIN numbers n ON n.id = e.number_id{filter}", new { accountId }).ConfigureAwait(false);
        return rows.OrderBy(r => r.Email, StringComparer.Ordinal).ToLookup(r => r.NumberId, r => EmailAddress.Parse(r.Email));
    }

    private static Task<long?> FindIdAsync(DbConnection connection, DbTransaction transaction, E164Number number) =>
        connection.QuerySingleOrDefaultAsync<long?>("SELECT id FROM numbers WHERE e164 = @e164", new { e164 = number.Value }, transaction);

    private static async Task<long> RequireIdAsync(DbConnection connection, DbTransaction transaction, E164Number number) =>
        await FindIdAsync(connection, transaction, number).ConfigureAwait(false)
            ?? throw new InvalidRequestException($"no number {number}");

    private static InvalidRequestException Duplicate(E164Number number) => new($"number {number} already exists");

    private sealed class Row
    {
        public long Id { get; set; }

        public string E164 { get; set; } = "";

        public long AccountId { get; set; }

        public string Handle { get; set; } = "";

        public object Active { get; set; } = false;

        public object AccountActive { get; set; } = false;

        public string Format { get; set; } = "";

        public long CreatedAt { get; set; }

        public bool IsActive => Convert.ToBoolean(Active, CultureInfo.InvariantCulture);

        public bool IsAccountActive => Convert.ToBoolean(AccountActive, CultureInfo.InvariantCulture);
    }

    private sealed class EmailRow
    {
        public long NumberId { get; set; }

        public string Email { get; set; } = "";
    }
}
