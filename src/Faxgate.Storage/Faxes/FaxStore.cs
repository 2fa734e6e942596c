using System.Data.Common;
using Dapper;
using Faxgate.Storage.Accounts;
using Faxgate.Storage.Dialects;
using Faxgate.Storage.Documents;

namespace Faxgate.Storage.Faxes;

/// <summary>
/// The record of every fax call (the faxes table): a row is written when the call begins (status active) and finished
/// when it ends. Only metadata lives here; a received fax's pages are a document (<see cref="FinishReceivedAsync"/>
/// stores both in one transaction).
/// </summary>
public sealed class FaxStore(Database database)
{
    /// <summary>Longest value of each text column; longer values from the far end are cut, ours are refused.</summary>
    public const int MaxLocalNumber = 32;

    public const int MaxRemoteNumber = 64;

    public const int MaxRemoteIdent = 32;

    public const int MaxReason = 255;

    public const int MaxNode = 128;

    private const string RecordColumns =
        "f.id AS Id, f.account_id AS AccountId, a.handle AS Handle, f.direction AS Direction, f.status AS Status, " +
        "f.local_number AS LocalNumber, f.remote_number AS RemoteNumber, f.remote_ident AS RemoteIdent, f.pages AS Pages, " +
        "f.started_at AS StartedAt, f.ended_at AS EndedAt, f.outcome_code AS OutcomeCode, f.reason AS Reason, f.node AS Node";

    private const string FromFaxes = "FROM faxes f LEFT JOIN accounts a ON a.id = f.account_id";

    private readonly Database _database = database ?? throw new ArgumentNullException(nameof(database));

    /// <summary>Records a fax call that has begun (status active, no pages yet); returns its id.</summary>
    public Task<long> StartAsync(FaxStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (!FaxDirections.All.Contains(start.Direction))
        {
            throw new ArgumentException($"unknown fax direction '{start.Direction}'", nameof(start));
        }

        ArgumentNullException.ThrowIfNull(start.RemoteNumber);
        ArgumentException.ThrowIfNullOrEmpty(start.LocalNumber);
        ArgumentException.ThrowIfNullOrEmpty(start.Node);
        if (start.LocalNumber.Length > MaxLocalNumber || start.Node.Length > MaxNode)
        {
            throw new ArgumentException($"a local number is at most {MaxLocalNumber} characters and a node name at most {MaxNode}", nameof(start));
        }

        return _database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO faxes (account_id, direction, status, local_number, remote_number, remote_ident, pages, started_at, ended_at, outcome_code, reason, node)
                VALUES (@AccountId, @Direction, @status, @LocalNumber, @remote, '', 0, @now, NULL, NULL, NULL, @Node)
                """,
                new { start.AccountId, start.Direction, status = FaxStatuses.Active, start.LocalNumber, remote = Cut(start.RemoteNumber, MaxRemoteNumber), now = _database.Now, start.Node },
                transaction).ConfigureAwait(false);
            return await InsertedId.ReadAsync(_database.Dialect, connection, transaction).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>
    /// Records how an active fax call ended. An unknown id is <see cref="InvalidRequestException"/>; finishing a fax
    /// twice, or with a status that does not fit its direction (received for out, sent for in), is our misuse.
    /// </summary>
    public Task FinishAsync(long faxId, FaxFinish finish, CancellationToken cancellationToken)
    {
        Validate(finish);
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                await FinishAsync(connection, transaction, faxId, finish).ConfigureAwait(false);
                return faxId;
            },
            cancellationToken);
    }

    /// <summary>
    /// Stores a received fax's pages (a TIFF) as a document of the fax and its account and finishes the fax, in one
    /// transaction: either both are written or neither. The status is received, or failed for a call that broke off
    /// after some pages (they are kept). <paramref name="holders"/> says who can open the document; the server must be
    /// one of them for Fax2Email to mail it. Returns the document's id.
    /// </summary>
    public Task<long> FinishReceivedAsync(
        long faxId, FaxFinish finish, ReadOnlyMemory<byte> tiff, DocumentStore documents, DocumentHolders holders, long? retainUntil, CancellationToken cancellationToken)
    {
        Validate(finish);
        ArgumentNullException.ThrowIfNull(documents);
        if (finish.Status is not (FaxStatuses.Received or FaxStatuses.Failed))
        {
            throw new ArgumentException($"a received fax finishes as received or failed, not {finish.Status}", nameof(finish));
        }

        return _database.WriteAsync(async (connection, transaction) =>
        {
            Current current = await FinishAsync(connection, transaction, faxId, finish).ConfigureAwait(false);
            if (current.Direction != FaxDirections.In)
            {
                throw new InvalidOperationException($"fax {faxId} was sent, not received: it has no received document");
            }

            var metadata = new DocumentMetadata(DocumentKinds.Tiff, "image/tiff", current.AccountId, faxId, retainUntil);
            return await documents.PutAsync(connection, transaction, tiff, metadata, holders, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Faxes newest first (by start time), filtered as <paramref name="filter"/> says.</summary>
    public Task<IReadOnlyList<FaxRecord>> ListAsync(FaxFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Direction is { } direction && !FaxDirections.All.Contains(direction))
        {
            throw new InvalidRequestException($"unknown fax direction '{direction}': use {string.Join(" or ", FaxDirections.All)}");
        }

        if (filter.Status is { } status && !FaxStatuses.All.Contains(status))
        {
            throw new InvalidRequestException($"unknown fax status '{status}': use {string.Join(", ", FaxStatuses.All)}");
        }

        if (filter.Limit is < 1 or > 100_000)
        {
            throw new InvalidRequestException($"the limit must be 1-100000, not {filter.Limit}");
        }

        return _database.ReadAsync<IReadOnlyList<FaxRecord>>(async connection =>
        {
            long? accountId = filter.AccountHandle is null
                ? null
                : (await AccountReference.FindAsync(connection, null, filter.AccountHandle).ConfigureAwait(false)).Id;
            var conditions = new List<string>(3);
            if (filter.Direction is not null)
            {
                conditions.Add("f.direction = @Direction");
            }

            if (filter.Status is not null)
            {
                conditions.Add("f.status = @Status");
            }

            if (accountId is not null)
            {
                conditions.Add("f.account_id = @accountId");
            }

            string where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
            IEnumerable<Row> rows = await connection.QueryAsync<Row>(new CommandDefinition(
                $"SELECT {RecordColumns} {FromFaxes}{where} ORDER BY f.started_at DESC, f.id DESC LIMIT @Limit",
                new { filter.Direction, filter.Status, accountId, filter.Limit },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => r.ToRecord())];
        }, cancellationToken);
    }

    /// <summary>One fax; <see cref="InvalidRequestException"/> when there is none with that id.</summary>
    public Task<FaxRecord> GetAsync(long id, CancellationToken cancellationToken) =>
        _database.ReadAsync(async connection =>
        {
            Row? row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                $"SELECT {RecordColumns} {FromFaxes} WHERE f.id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return row?.ToRecord() ?? throw new InvalidRequestException($"no fax {id}");
        }, cancellationToken);

    private async Task<Current> FinishAsync(DbConnection connection, DbTransaction transaction, long faxId, FaxFinish finish)
    {
        Current current = await connection.QuerySingleOrDefaultAsync<Current>(
            "SELECT direction AS Direction, status AS Status, account_id AS AccountId FROM faxes WHERE id = @faxId", new { faxId }, transaction).ConfigureAwait(false)
            ?? throw new InvalidRequestException($"no fax {faxId}");
        if (current.Status != FaxStatuses.Active)
        {
            throw new InvalidOperationException($"fax {faxId} has already ended ({current.Status})");
        }

        if ((finish.Status, current.Direction) is (FaxStatuses.Received, FaxDirections.Out) or (FaxStatuses.Sent, FaxDirections.In))
        {
            throw new ArgumentException($"a fax going {current.Direction} cannot end as {finish.Status}", nameof(finish));
        }

        await connection.ExecuteAsync(
            """
            UPDATE faxes SET status = @Status, pages = @Pages, remote_ident = @ident, outcome_code = @OutcomeCode, reason = @reason, ended_at = @now
            WHERE id = @faxId
            """,
            new { finish.Status, finish.Pages, ident = Cut(finish.RemoteIdent, MaxRemoteIdent), finish.OutcomeCode, reason = CutOrNull(finish.Reason, MaxReason), now = _database.Now, faxId },
            transaction).ConfigureAwait(false);
        return current;
    }

    private static void Validate(FaxFinish finish)
    {
        ArgumentNullException.ThrowIfNull(finish);
        ArgumentNullException.ThrowIfNull(finish.RemoteIdent);
        if (!FaxStatuses.Final.Contains(finish.Status))
        {
            throw new ArgumentException($"a fax ends as {string.Join(", ", FaxStatuses.Final)}, not '{finish.Status}'", nameof(finish));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(finish.Pages);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    private static string? CutOrNull(string? text, int max) => text is null ? null : Cut(text, max);

    private sealed class Current
    {
        public string Direction { get; set; } = "";

        public string Status { get; set; } = "";

        public long? AccountId { get; set; }
    }

    private sealed class Row
    {
        public long Id { get; set; }

        public long? AccountId { get; set; }

        public string? Handle { get; set; }

        public string Direction { get; set; } = "";

        public string Status { get; set; } = "";

        public string LocalNumber { get; set; } = "";

        public string RemoteNumber { get; set; } = "";

        public string RemoteIdent { get; set; } = "";

        public long Pages { get; set; }

        public long StartedAt { get; set; }

        public long? EndedAt { get; set; }

        public long? OutcomeCode { get; set; }

        public string? Reason { get; set; }

        public string Node { get; set; } = "";

        public FaxRecord ToRecord() => new(
            Id, AccountId, Handle, Direction, Status, LocalNumber, RemoteNumber, RemoteIdent, checked((int)Pages), StartedAt, EndedAt,
            OutcomeCode is { } code ? checked((int)code) : null, Reason, Node);
    }
}
