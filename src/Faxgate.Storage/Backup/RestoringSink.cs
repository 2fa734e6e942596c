using System.Data.Common;
using System.Text;

namespace Faxgate.Storage.Backup;

/// <summary>
/// Inserts a backup's rows into the restore's transaction, keeping their ids, in multi-row INSERTs of a bounded size.
/// Column names come from the backup file and are used only after they were found among the target table's own
/// columns, so a crafted file cannot smuggle SQL in.
/// </summary>
internal sealed class RestoringSink(DbConnection connection, DbTransaction transaction, IReadOnlyList<SchemaTable> schema, string path) : IBackupSink
{
    private const int MaxBatchRows = 200;
    private const long MaxBatchBytes = 1 << 20;
    private readonly List<object[]> _batch = [];
    private long _batchBytes;
    private BackupTable? _table;
    private int _idIndex = -1;
    private long _maxId;

    /// <summary>For each restored table with an id column: the id its counter should give next.</summary>
    public Dictionary<string, long> NextIds { get; } = [];

    public async Task TableAsync(BackupTable table, CancellationToken cancellationToken)
    {
        await FinishTableAsync(cancellationToken).ConfigureAwait(false);
        SchemaTable known = schema.FirstOrDefault(t => t.Name == table.Name)
            ?? throw new InvalidRequestException($"{path} holds a table {table.Name} that its schema version does not have; nothing was restored");
        IReadOnlyList<string> columns = await ReadColumnsAsync(known.Name, cancellationToken).ConfigureAwait(false);
        if (columns.Count != table.Columns.Count || table.Columns.Any(c => !columns.Contains(c)) || table.Columns.Distinct().Count() != table.Columns.Count)
        {
            throw new InvalidRequestException(
                $"{path}: the columns of table {table.Name} ({string.Join(", ", table.Columns)}) do not match the database's ({string.Join(", ", columns)}); nothing was restored");
        }

        _table = table;
        _idIndex = known.IdColumn is null ? -1 : table.Columns.ToList().IndexOf(known.IdColumn);
        _maxId = 0;
        if (_idIndex >= 0)
        {
            NextIds[table.Name] = table.NextId ?? 1;
        }
    }

    public async Task RowAsync(object[] values, CancellationToken cancellationToken)
    {
        long size = values.Sum(v => v switch { byte[] bytes => bytes.Length, string text => text.Length * 2L, _ => 8L });
        if (_batch.Count > 0 && (_batch.Count >= MaxBatchRows || _batchBytes + size > MaxBatchBytes))
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_idIndex >= 0 && values[_idIndex] is long id)
        {
            _maxId = Math.Max(_maxId, id);
        }

        _batch.Add(values);
        _batchBytes += size;
    }

    /// <summary>Writes what is still buffered; call once after the last row.</summary>
    public Task FinishAsync(CancellationToken cancellationToken) => FinishTableAsync(cancellationToken);

    private async Task FinishTableAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_table is not null && _idIndex >= 0)
        {
            NextIds[_table.Name] = Math.Max(NextIds[_table.Name], _maxId + 1);
        }

        _table = null;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.Count == 0 || _table is null)
        {
            return;
        }

        await using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO {_table.Name} ({string.Join(", ", _table.Columns)}) VALUES ");
        for (int row = 0; row < _batch.Count; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (int column = 0; column < _table.Columns.Count; column++)
            {
                string name = $"@p{row}_{column}";
                sql.Append(column == 0 ? name : ", " + name);
                DbParameter parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = _batch[row][column];
                command.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _batch.Clear();
        _batchBytes = 0;
    }

    private async Task<IReadOnlyList<string>> ReadColumnsAsync(string table, CancellationToken cancellationToken)
    {
        await using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT * FROM {table} WHERE 1 = 0";
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).ToLowerInvariant())];
    }
}
