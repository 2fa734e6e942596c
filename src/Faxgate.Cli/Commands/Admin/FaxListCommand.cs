using System.CommandLine;
using System.Globalization;
using Faxgate.Storage;
using Faxgate.Storage.Faxes;

namespace Faxgate.Cli.Commands.Admin;

/// <summary>
/// `faxgate fax list`: the record of fax calls, newest first, in and out. Shows metadata only (numbers, the far end's
/// identification, pages, times, outcome), never content.
/// </summary>
internal static class FaxListCommand
{
    public static Command Create()
    {
        var context = new AdminContext();
        var direction = new Option<string?>("--direction") { Description = "Only faxes received (in) or sent (out)" };
        direction.AcceptOnlyFromAmong([.. FaxDirections.All]);
        var status = new Option<string?>("--status") { Description = "Only faxes with this status: active, received, sent or failed" };
        status.AcceptOnlyFromAmong([.. FaxStatuses.All]);
        var account = new Option<string?>("--account") { Description = "Only faxes of this account (handle)" };
        var limit = new Option<int>("--limit") { Description = "Show at most N faxes, newest first", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List fax calls, newest first") { direction, status, account, limit };
        context.AddTo(command);
        command.SetAction((result, token) => AdminContext.RunAsync(async () =>
        {
            Database database = await context.OpenAsync(result, token).ConfigureAwait(false);
            var filter = new FaxFilter
            {
                Direction = result.GetValue(direction),
                Status = result.GetValue(status),
                AccountHandle = result.GetValue(account),
                Limit = result.GetValue(limit),
            };
            IReadOnlyList<FaxRecord> faxes = await new FaxStore(database).ListAsync(filter, token).ConfigureAwait(false);
            var table = new TextTable("ID", "DIRECTION", "STATUS", "NUMBER", "REMOTE", "IDENT", "PAGES", "STARTED (UTC)", "ENDED (UTC)", "REASON");
            foreach (FaxRecord fax in faxes)
            {
                table.Add(
                    fax.Id.ToString(CultureInfo.InvariantCulture),
                    fax.Direction,
                    fax.Status,
                    fax.LocalNumber,
                    Cell(fax.RemoteNumber),
                    Cell(fax.RemoteIdent),
                    fax.Pages.ToString(CultureInfo.InvariantCulture),
                    Time(fax.StartedAt),
                    fax.EndedAt is { } ended ? Time(ended) : "-",
                    Cell(fax.Reason));
            }

            table.WriteTo(Console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Time(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A value (often from the far end) as one table cell on one line: "-" when empty, control characters as spaces.</summary>
    private static string Cell(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "-";
        }

        return string.Concat(text.Trim().Select(c => char.IsControl(c) ? ' ' : c));
    }
}
