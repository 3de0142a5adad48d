using System;
using Spectre.Console;

namespace Agents.Cli.Output;

/// <summary>
/// The tool's two Spectre consoles: results on stdout, progress, notes and warnings on stderr. Colours and live
/// progress only where the stream is a terminal; redirected output carries no escape codes.
/// </summary>
internal sealed class CliConsole
{
    /// <summary>Width for tables when stdout is redirected (files and pipes have no width of their own).</summary>
    private const int RedirectedWidth = 200;

    /// <summary>Width for notes when stderr is redirected: wide enough that a log line is never wrapped.</summary>
    private const int RedirectedErrorWidth = 4096;

    private CliConsole(IAnsiConsole output, IAnsiConsole error, bool errorIsTerminal)
    {
        Output = output;
        Error = error;
        ErrorIsTerminal = errorIsTerminal;
    }

    /// <summary>Gets the console for results (stdout).</summary>
    public IAnsiConsole Output { get; }

    /// <summary>Gets the console for progress, notes and warnings (stderr).</summary>
    public IAnsiConsole Error { get; }

    /// <summary>Gets whether stderr is a terminal, where progress bars are drawn live.</summary>
    public bool ErrorIsTerminal { get; }

    /// <summary>Creates the consoles over <see cref="Console.Out"/> and <see cref="Console.Error"/>.</summary>
    public static CliConsole Create()
    {
        var output = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            output.Profile.Width = RedirectedWidth;
        }

        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected)
        {
            error.Profile.Width = RedirectedErrorWidth;
        }

        return new CliConsole(output, error, !Console.IsErrorRedirected);
    }

    /// <summary>Writes a note (plain text, no markup) to stderr.</summary>
    public void Note(string text) => Error.WriteLine(text);

    /// <summary>Writes a warning to stderr, prefixed <c>agents: warning:</c>.</summary>
    public void Warn(string text)
    {
        Error.Write(new Text("agents: warning: ", new Style(Color.Yellow)));
        Error.WriteLine(text);
    }
}
