using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace Agents.Cli.Commands;

/// <summary>
/// The read-answer loop of <c>agents chat</c>: reads lines from standard input, runs the team on the history with each
/// message, streams the answer to standard output, and handles the slash commands. Ctrl+C during an answer cancels
/// that answer only; at the prompt it ends the session, as does end of input or <c>/exit</c>.
/// </summary>
internal sealed class ChatLoop(AIAgent team, CliServices services, List<ChatMessage> history, int maxTokens)
{
    private readonly List<DataContent> _images = [];
    private CancellationTokenSource? _turn;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (Volatile.Read(ref _turn) is { } turn)
            {
                e.Cancel = true;
                turn.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Console.Out.Write("you> ");
                var line = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line is null || line.Trim() == "/exit")
                {
                    break;
                }

                if (line.StartsWith('/'))
                {
                    await CommandAsync(line.Trim(), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (line.Trim().Length > 0 || _images.Count > 0)
                {
                    await AnswerAsync(line, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private async Task AnswerAsync(string text, CancellationToken cancellationToken)
    {
        var user = new ChatMessage(ChatRole.User, [.. _images, new TextContent(text)]);
        _images.Clear();
        history.Add(user);
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Volatile.Write(ref _turn, turn);
        var updates = new List<AgentResponseUpdate>();
        string? author = null;
        try
        {
            var options = new ChatClientAgentRunOptions(new ChatOptions { MaxOutputTokens = maxTokens });
            await foreach (var update in team.RunStreamingAsync(history, options: options, cancellationToken: turn.Token).ConfigureAwait(false))
            {
                if (update.AuthorName is { Length: > 0 } name && name != author)
                {
                    author = name;
                    Console.Out.Write($"\n[{name}] ");
                }

                Console.Out.Write(update.Text);
                foreach (var error in update.Contents.OfType<ErrorContent>())
                {
                    services.Console.Note($"error: {error.Message}{(error.Details is { Length: > 0 } details ? $" ({details})" : string.Empty)}");
                }

                updates.Add(update);
            }

            Console.Out.WriteLine();
            var answers = updates.ToAgentResponse().Messages.Where(m => m.Role == ChatRole.Assistant && m.Text.Length > 0).ToList();
            if (answers.Count == 0 && updates.Any(u => u.Contents.OfType<ErrorContent>().Any()))
            {
                // A message the team cannot take (a corrupt image, a prompt over the context) would fail every later turn.
                history.Remove(user);
                services.Console.Note("(the message was not kept; fix the cause above and send it again)");
                return;
            }

            history.AddRange(answers);
        }
        catch (OperationCanceledException) when (turn.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Console.Out.WriteLine();
            services.Console.Note("(answer cancelled)");
            history.Remove(user);
        }
        finally
        {
            Volatile.Write(ref _turn, null);
        }
    }

    private async Task CommandAsync(string line, CancellationToken cancellationToken)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var (name, argument) = space < 0 ? (line, string.Empty) : (line[..space], line[(space + 1)..].Trim());
        switch (name)
        {
            case "/image" when argument.Length > 0:
                if (!File.Exists(argument))
                {
                    services.Console.Note($"no such image file: {argument}");
                    return;
                }

                var type = Path.GetExtension(argument).ToLowerInvariant() switch
                {
                    ".jpg" or ".jpeg" => "image/jpeg",
                    ".gif" => "image/gif",
                    ".webp" => "image/webp",
                    ".bmp" => "image/bmp",
                    _ => "image/png",
                };
                _images.Add(new DataContent(await File.ReadAllBytesAsync(argument, cancellationToken).ConfigureAwait(false), type) { Name = Path.GetFileName(argument) });
                services.Console.Note($"attached {Path.GetFileName(argument)} to the next message");
                return;
            case "/save" when argument.Length > 0:
                await ChatCommand.SaveAsync(argument, history, cancellationToken).ConfigureAwait(false);
                services.Console.Note($"saved {history.Count} messages to {argument}");
                return;
            case "/load" when argument.Length > 0:
                try
                {
                    var loaded = await ChatCommand.LoadAsync(argument, cancellationToken).ConfigureAwait(false);
                    history.Clear();
                    history.AddRange(loaded);
                    services.Console.Note($"loaded {history.Count} messages from {argument}");
                }
                catch (UsageException ex)
                {
                    services.Console.Note(ex.Message);
                }

                return;
            case "/clear":
                history.Clear();
                _images.Clear();
                services.Console.Note("history cleared");
                return;
            default:
                services.Console.Note("commands: /image <path>, /save <file>, /load <file>, /clear, /help, /exit");
                return;
        }
    }
}
