using System.CommandLine;
using Faxgate.Storage;
using Faxgate.Storage.Backup;
using Faxgate.Storage.Dialects;

namespace Faxgate.Cli.Commands.Admin;

/// <summary>
/// `faxgate backup --out FILE` writes one consistent backup of the configured database while servers keep running;
/// `faxgate restore FILE` loads one into the configured database, which must be empty. Neither migrates the database
/// on its own account: a backup records the schema version it found, a restore brings the schema to this build's
/// version after the rows are in. The server key file is never part of a backup (see docs/operations.md).
/// </summary>
internal static class BackupCommand
{
    public static Command CreateBackup()
    {
        var context = new AdminContext();
        var output = new Option<string>("--out") { Description = "The backup file to write (written as FILE.tmp, then renamed; mode 0600)", Required = true };
        var command = new Command("backup", "Back up the database into one file, online and consistent") { output };
        context.AddTo(command);
        command.SetAction((result, cancellationToken) => AdminContext.RunAsync(async () =>
        {
            Database database = Attach(context, result, create: false);
            BackupSummary summary = await BackupWriter.WriteAsync(database, result.GetValue(output)!, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"{summary.Path}: {summary.Tables} tables, {summary.Rows} rows, {summary.Bytes} bytes");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command CreateRestore()
    {
        var context = new AdminContext();
        var file = new Argument<string>("FILE") { Description = "The backup file to restore" };
        var command = new Command("restore", "Restore a backup into the configured database, which must be empty") { file };
        context.AddTo(command);
        command.SetAction((result, cancellationToken) => AdminContext.RunAsync(async () =>
        {
            Database database = Attach(context, result, create: true);
            string path = result.GetValue(file)!;
            RestoreSummary summary = await BackupRestorer.RestoreAsync(database, path, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"restored {summary.Rows} rows in {summary.Tables} tables from {Path.GetFullPath(path)} into {database.Dialect.Describe()}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The configured database, not migrated; a missing SQLite file is an error for backup and made for restore.</summary>
    private static Database Attach(AdminContext context, ParseResult result, bool create)
    {
        SqlDialect dialect = Database.CreateDialect(context.StorageOptions(result), context.DataDirectory(result));
        if (dialect is SqliteDialect sqlite)
        {
            string file = Path.GetFullPath(sqlite.DataSource);
            if (create)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            }
            else if (!File.Exists(file))
            {
                throw new InvalidRequestException($"there is no database at {file}: nothing to back up (is --data right?)");
            }
        }

        return Database.Attach(dialect, TimeProvider.System);
    }
}
