using Faxgate.Storage.Documents;
using Faxgate.Storage.Queue;
using Microsoft.Extensions.Logging;

namespace Faxgate.Server.Workers;

/// <summary>The daily retention run: documents whose retention ended are crypto-shredded (keys and ciphertext deleted).</summary>
internal sealed partial class RetentionJobHandler(DocumentStore documents, ILogger<RetentionJobHandler> logger) : IJobHandler
{
    public const string JobKind = "retention";

    public string Kind => JobKind;

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        int shredded = await documents.ShredExpiredAsync(cancellationToken).ConfigureAwait(false);
        LogShredded(logger, shredded);
        return JobResult.Done();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "retention: {Count} documents shredded")]
    private static partial void LogShredded(ILogger logger, int count);
}
