using System;

namespace Agents.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.WriteLine(string.Join(' ', args));
        return 0;
    }
}
