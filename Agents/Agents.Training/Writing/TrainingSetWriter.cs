using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Chat;

namespace Agents.Training.Writing;

/// <summary>
/// Writes a training set folder: <c>examples.jsonl</c> (one JSON object a line: <c>id</c>, <c>task</c>, <c>prompt</c>
/// (the sample rendered with a <see cref="ChatPromptRenderer"/>, with the image placeholder where each image goes),
/// <c>images</c> (paths relative to the folder, in placeholder order), <c>answer</c>, <c>meta</c>), <c>images/</c>
/// (each distinct image once, named by the first 16 hex digits of its SHA-256), and on <see cref="CompleteAsync"/>
/// <c>manifest.json</c>. Everything is written into a sibling <c>.&lt;name&gt;.partial</c> folder that is moved into
/// place on completion; disposing without completing deletes it. Not thread-safe.
/// </summary>
public sealed class TrainingSetWriter : IAsyncDisposable
{
    /// <summary>The examples file name.</summary>
    public const string ExamplesFileName = "examples.jsonl";

    /// <summary>The manifest file name.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>The image folder name.</summary>
    public const string ImagesFolderName = "images";

    /// <summary>The format version written in the manifest.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ChatPromptRenderer _renderer;
    private readonly string _split;
    private readonly int _seed;
    private readonly string _createdBy;
    private readonly string _partial;
    private readonly StreamWriter _examples;
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _images = new(StringComparer.Ordinal);
    private int _total;
    private bool _completed;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="TrainingSetWriter"/> class and creates its partial folder.</summary>
    /// <param name="folder">The training set folder to write; it must not exist, be empty, or <paramref name="overwrite"/> must be set.</param>
    /// <param name="renderer">The renderer of the model's chat template (see <see cref="ChatPromptRenderer.ForTemplate"/>).</param>
    /// <param name="split">The split written in the manifest (<see cref="TrainingExportContext.TrainSplit"/> or <see cref="TrainingExportContext.HeldOutSplit"/>).</param>
    /// <param name="seed">The seed written in the manifest.</param>
    /// <param name="createdBy">What created the set (e.g. the command line), written in the manifest.</param>
    /// <param name="overwrite">Whether an existing non-empty folder is replaced (on completion). Default false.</param>
    /// <exception cref="IOException"><paramref name="folder"/> is a file, or a non-empty folder without <paramref name="overwrite"/>.</exception>
    public TrainingSetWriter(string folder, ChatPromptRenderer renderer, string split, int seed, string createdBy, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentException.ThrowIfNullOrWhiteSpace(split);
        ArgumentNullException.ThrowIfNull(createdBy);
        Folder = Path.GetFullPath(folder);
        if (File.Exists(Folder))
        {
            throw new IOException($"'{Folder}' is a file; give a folder for the training set.");
        }

        if (!overwrite && Directory.Exists(Folder) && Directory.EnumerateFileSystemEntries(Folder).Any())
        {
            throw new IOException($"The folder '{Folder}' is not empty; choose a new folder or pass --overwrite (TrainingSetWriter overwrite: true) to replace it.");
        }

        _renderer = renderer;
        _split = split;
        _seed = seed;
        _createdBy = createdBy;
        var parent = Path.GetDirectoryName(Folder) ?? throw new IOException($"'{Folder}' has no parent folder.");
        _partial = Path.Combine(parent, "." + Path.GetFileName(Folder) + ".partial");
        if (Directory.Exists(_partial))
        {
            Directory.Delete(_partial, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(_partial, ImagesFolderName));
        _examples = new StreamWriter(Path.Combine(_partial, ExamplesFileName), append: false, new UTF8Encoding(false)) { NewLine = "\n" };
    }

    /// <summary>Gets the final folder of the set.</summary>
    public string Folder { get; }

    /// <summary>Gets the number of examples written so far.</summary>
    public int Count => _total;

    /// <summary>Gets the examples written so far per task name.</summary>
    public IReadOnlyDictionary<string, int> Counts => _counts;

    /// <summary>Returns the image file name of encoded bytes: the first 16 hex digits of their SHA-256 and the media type's extension.</summary>
    /// <param name="data">The encoded bytes.</param>
    /// <param name="mediaType">The media type: <c>image/png</c>, <c>image/jpeg</c> or <c>image/webp</c>.</param>
    /// <returns>The file name, e.g. <c>0123456789abcdef.png</c>.</returns>
    /// <exception cref="NotSupportedException">Another media type.</exception>
    public static string ImageFileName(ReadOnlySpan<byte> data, string mediaType)
    {
        var extension = mediaType?.ToLowerInvariant() switch
        {
            "image/png" => "png",
            "image/jpeg" or "image/jpg" => "jpg",
            "image/webp" => "webp",
            _ => throw new NotSupportedException($"Image media type '{mediaType}' cannot be written to a training set; use image/png, image/jpeg or image/webp."),
        };
        var hash = Convert.ToHexStringLower(SHA256.HashData(data));
        return hash[..16] + "." + extension;
    }

    /// <summary>Renders one sample and appends it.</summary>
    /// <param name="sample">The sample.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The example id, <c>&lt;task&gt;-&lt;000001&gt;</c> (numbered per task from 1).</returns>
    /// <exception cref="ArgumentException">The sample's messages or options do not render (the renderer's message names the problem).</exception>
    /// <exception cref="InvalidOperationException">The writer is completed or disposed.</exception>
    public async Task<string> WriteAsync(TrainingSample sample, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentException.ThrowIfNullOrWhiteSpace(sample.Task);
        ArgumentNullException.ThrowIfNull(sample.Answer);
        EnsureOpen();
        RenderedChatPrompt rendered;
        try
        {
            rendered = _renderer.Render(sample.Messages, sample.Options);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or InvalidOperationException or FileNotFoundException)
        {
            throw new ArgumentException($"A '{sample.Task}' sample does not render with the chat template '{_renderer.Template.Name}': {ex.Message}", nameof(sample), ex);
        }

        var paths = new List<string>(rendered.Images.Count);
        foreach (var image in rendered.Images)
        {
            var name = ImageFileName(image.Data.Span, image.MediaType);
            if (_images.Add(name))
            {
                await File.WriteAllBytesAsync(Path.Combine(_partial, ImagesFolderName, name), image.Data, cancellationToken).ConfigureAwait(false);
            }

            paths.Add(ImagesFolderName + "/" + name);
        }

        _counts.TryGetValue(sample.Task, out var number);
        _counts[sample.Task] = ++number;
        _total++;
        var id = string.Create(CultureInfo.InvariantCulture, $"{sample.Task}-{number:D6}");

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("task", sample.Task);
            json.WriteString("prompt", rendered.Text);
            json.WriteStartArray("images");
            foreach (var path in paths)
            {
                json.WriteStringValue(path);
            }

            json.WriteEndArray();
            json.WriteString("answer", sample.Answer);
            json.WriteStartObject("meta");
            foreach (var (key, value) in sample.Meta)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        await _examples.WriteLineAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).AsMemory(), cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Writes <c>manifest.json</c> and moves the set into <see cref="Folder"/> (replacing what was there).</summary>
    /// <param name="cancellationToken">Cancels before the move.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidOperationException">The writer is completed or disposed.</exception>
    public async Task<TrainingSetSummary> CompleteAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        await _examples.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _examples.DisposeAsync().ConfigureAwait(false);
        await File.WriteAllBytesAsync(Path.Combine(_partial, ManifestFileName), ManifestJson(), cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Directory.Move(_partial, Folder);
        _completed = true;
        return new TrainingSetSummary(Folder, _total, _images.Count, new SortedDictionary<string, int>(_counts, StringComparer.Ordinal));
    }

    /// <summary>Closes the writer; without <see cref="CompleteAsync"/> the partial folder is deleted and nothing is replaced.</summary>
    /// <returns>A task that completes when closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_completed)
        {
            await _examples.DisposeAsync().ConfigureAwait(false);
            if (Directory.Exists(_partial))
            {
                Directory.Delete(_partial, recursive: true);
            }
        }
    }

    private void EnsureOpen()
    {
        if (_completed || _disposed)
        {
            throw new InvalidOperationException($"The training set writer for '{Folder}' is {(_completed ? "completed" : "disposed")}; create a new one.");
        }
    }

    private byte[] ManifestJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("format_version", FormatVersion);
            json.WriteString("split", _split);
            json.WriteNumber("seed", _seed);
            json.WriteString("chat_template", _renderer.Template.Name);
            json.WriteString("image_placeholder", _renderer.ImagePlaceholder);
            if (_renderer.DefaultSystemPrompt is { } system)
            {
                json.WriteString("default_system_prompt", system);
            }
            else
            {
                json.WriteNull("default_system_prompt");
            }

            json.WriteString("examples_file", ExamplesFileName);
            json.WriteNumber("examples", _total);
            json.WriteNumber("images", _images.Count);
            json.WriteStartObject("counts");
            foreach (var (task, count) in _counts)
            {
                json.WriteNumber(task, count);
            }

            json.WriteEndObject();
            json.WriteString("created_by", _createdBy);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
