using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Agents.Training.Writing;

/// <summary>
/// Runs exporters one after another into one <see cref="TrainingSetWriter"/>: each gets a
/// <see cref="TrainingExportContext"/> with its count, the split, the seed and a scratch folder of its own (deleted
/// afterwards), and every sample it yields is rendered and written. Reports progress per exporter. Not thread-safe.
/// </summary>
public sealed partial class TrainingSetExporter
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="TrainingSetExporter"/> class.</summary>
    /// <param name="loggerFactory">The logger factory (also handed to the exporters); null for none.</param>
    public TrainingSetExporter(ILoggerFactory? loggerFactory = null)
    {
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<TrainingSetExporter>();
    }

    /// <summary>Runs the jobs in order and completes the writer.</summary>
    /// <param name="writer">The writer (completed at the end; the caller disposes it).</param>
    /// <param name="jobs">The exporters with their counts.</param>
    /// <param name="split">The split (<see cref="TrainingExportContext.TrainSplit"/> or <see cref="TrainingExportContext.HeldOutSplit"/>).</param>
    /// <param name="seed">The seed passed to every exporter.</param>
    /// <param name="chromiumPath">The Chromium executable, or null to find Debian's.</param>
    /// <param name="progress">Receives (exporter name, done, total) as exporters advance; null for none.</param>
    /// <param name="cancellationToken">Cancels the export; the writer is then left incomplete (disposing it deletes the partial folder).</param>
    /// <returns>The summary of the completed set.</returns>
    /// <exception cref="ArgumentException">A job is invalid, or the split is neither train nor heldout.</exception>
    public async Task<TrainingSetSummary> ExportAsync(
        TrainingSetWriter writer,
        IReadOnlyList<TrainingExportJob> jobs,
        string split,
        int seed,
        string? chromiumPath = null,
        IProgress<TrainingExportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(jobs);
        if (split is not (TrainingExportContext.TrainSplit or TrainingExportContext.HeldOutSplit))
        {
            throw new ArgumentException($"The split '{split}' is unknown; use '{TrainingExportContext.TrainSplit}' or '{TrainingExportContext.HeldOutSplit}'.", nameof(split));
        }

        foreach (var job in jobs)
        {
            ArgumentNullException.ThrowIfNull(job);
            job.Validate();
        }

        foreach (var job in jobs)
        {
            var scratch = Path.Combine(Path.GetTempPath(), "agents-train-scratch", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(scratch);
            try
            {
                var reported = new JobProgress(job, progress);
                var context = new TrainingExportContext
                {
                    Split = split,
                    Seed = seed,
                    Count = job.Count,
                    ScratchFolder = scratch,
                    ChromiumPath = chromiumPath,
                    LoggerFactory = _loggerFactory,
                    Progress = reported,
                };
                LogJobStarted(_logger, job.Name, job.Count, split, seed);
                var written = 0;
                await foreach (var sample in job.Exporter.ExportAsync(context, cancellationToken).ConfigureAwait(false))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await writer.WriteAsync(sample, cancellationToken).ConfigureAwait(false);
                    written++;
                    reported.Written(written);
                }

                progress?.Report(new TrainingExportProgress(job.Name, job.Count, job.Count));
                LogJobFinished(_logger, job.Name, written);
            }
            finally
            {
                try
                {
                    Directory.Delete(scratch, recursive: true);
                }
                catch (IOException ex)
                {
                    LogScratchNotDeleted(_logger, scratch, ex.Message);
                }
            }
        }

        return await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exporting '{Name}': {Count} items, split {Split}, seed {Seed}")]
    private static partial void LogJobStarted(ILogger logger, string name, int count, string split, int seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Exported '{Name}': {Written} examples")]
    private static partial void LogJobFinished(ILogger logger, string name, int written);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scratch folder '{Folder}' not deleted: {Reason}")]
    private static partial void LogScratchNotDeleted(ILogger logger, string folder, string reason);

    /// <summary>Forwards the exporter's own progress; until it reports, counts the examples written (capped at the total).</summary>
    private sealed class JobProgress(TrainingExportJob job, IProgress<TrainingExportProgress>? sink) : IProgress<int>
    {
        private bool _exporterReports;

        public void Report(int value)
        {
            _exporterReports = true;
            sink?.Report(new TrainingExportProgress(job.Name, Math.Clamp(value, 0, job.Count), job.Count));
        }

        public void Written(int written)
        {
            if (!_exporterReports)
            {
                sink?.Report(new TrainingExportProgress(job.Name, Math.Min(written, job.Count), job.Count));
            }
        }
    }
}
