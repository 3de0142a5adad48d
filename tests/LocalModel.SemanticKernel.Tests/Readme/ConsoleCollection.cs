namespace LocalModel.SemanticKernel.Tests.Readme;

/// <summary>Tests that redirect <c>Console.Out</c> run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console output";
}
