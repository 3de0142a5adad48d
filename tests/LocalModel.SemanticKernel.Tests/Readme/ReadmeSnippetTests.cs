using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.SemanticKernel.Tests.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LocalModel.SemanticKernel.Tests.Readme;

/// <summary>
/// The top-level README's <c>csharp</c> blocks compile as pasted (as console programs, against the assemblies these
/// tests load) and, run on the tiny fixture, print a reply.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ReadmeSnippetTests : IClassFixture<TinyLlavaFixture>
{
    private readonly TinyLlavaFixture _fixture;

    public ReadmeSnippetTests(TinyLlavaFixture fixture) => _fixture = fixture;

    public static TheoryData<int> Blocks => new(Enumerable.Range(0, CsharpBlocks().Count));

    [Fact]
    public void Readme_HasCsharpBlocksUsingTheRegistrations()
    {
        var blocks = CsharpBlocks();

        Assert.True(blocks.Count >= 2, "README.md should hold the Microsoft.Extensions.AI and the Semantic Kernel snippets.");
        Assert.Contains(blocks, b => b.Contains("AddLocalVlmChatClient", StringComparison.Ordinal));
        Assert.Contains(blocks, b => b.Contains("AddLocalVlmChatCompletion", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Readme_CsharpBlock_CompilesWithoutDiagnostics(int block)
    {
        var (_, diagnostics) = Compile(CsharpBlocks()[block], block);

        Assert.True(diagnostics.Count == 0, $"README.md csharp block {block}:\n{string.Join("\n", diagnostics)}");
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task Readme_CsharpBlock_RunOnTinyFixture_PrintsAReply(int block)
    {
        // Arrange
        var (assembly, diagnostics) = Compile(CsharpBlocks()[block], block);
        Assert.True(assembly is not null, string.Join("\n", diagnostics));
        var image = Path.Combine(Fixtures.Dir("tiny-llava"), "image.png");
        var output = new StringWriter();
        var original = Console.Out;

        // Act
        Console.SetOut(output);
        try
        {
            await Task.Run(() => assembly.EntryPoint!.Invoke(null, [new[] { _fixture.PackageDirectory, image }]));
        }
        finally
        {
            Console.SetOut(original);
        }

        // Assert
        var printed = output.ToString();
        Assert.EndsWith(Environment.NewLine, printed, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(printed), $"README.md csharp block {block} printed no reply.");
    }

    private static List<string> CsharpBlocks()
    {
        var readme = File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "README.md"));
        return CsharpBlock().Matches(readme).Select(m => m.Groups["code"].Value).ToList();
    }

    private static (Assembly? Assembly, IReadOnlyList<Diagnostic> Diagnostics) Compile(string code, int block)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest), path: $"README.md#csharp{block}");
        var compilation = CSharpCompilation.Create(
            $"ReadmeSnippet{block}",
            [tree],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var diagnostics = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        return (result.Success ? Assembly.Load(image.ToArray()) : null, diagnostics);
    }

    /// <summary>The framework (trusted platform assemblies) and every managed assembly beside the tests.</summary>
    private static IEnumerable<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"));
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            if (!byName.ContainsKey(Path.GetFileName(path)) && IsManaged(path))
            {
                byName[Path.GetFileName(path)] = path;
            }
        }

        return byName.Values.Select(p => MetadataReference.CreateFromFile(p));
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CsharpBlock();
}
