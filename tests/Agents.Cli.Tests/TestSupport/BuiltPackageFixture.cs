using System;
using System.IO;
using System.Threading.Tasks;

namespace Agents.Cli.Tests.TestSupport;

/// <summary>Builds the tiny-llava package once, through <c>agents model build</c>, for the tests of its collection.</summary>
public sealed class BuiltPackageFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "agents-cli-tests", Guid.NewGuid().ToString("N"));

    public string PackageDirectory => Path.Combine(_root, "package");

    internal CliResult BuildResult { get; private set; } = new(-1, string.Empty, string.Empty);

    /// <summary>Returns the package folder, failing the calling test with the build's output if the build failed.</summary>
    public string RequirePackage()
    {
        Assert.True(BuildResult.ExitCode == 0, "'agents model build' on tests/fixtures/tiny-llava failed:\n" + BuildResult.Describe());
        return PackageDirectory;
    }

    /// <summary>Gets the package cache (<c>LOCALMODEL_CACHE</c>) the tests that pass a checkpoint folder use.</summary>
    public string CacheDirectory => Path.Combine(_root, "cache");

    public string TempFile(string name) => Path.Combine(_root, name);

    /// <summary>A run whose package cache is <see cref="CacheDirectory"/>, with optional standard input.</summary>
    internal CliRun WithCache(string? standardInput = null) =>
        new() { StandardInput = standardInput, Environment = { ["LOCALMODEL_CACHE"] = CacheDirectory } };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        BuildResult = await AgentsCli.RunAsync("model", "build", "--from", CliFixtures.TinyLlava, "--out", PackageDirectory);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The tests that share one built package.</summary>
[CollectionDefinition(Name)]
public sealed class BuiltPackageCollection : ICollectionFixture<BuiltPackageFixture>
{
    public const string Name = "tiny-llava package built by the CLI";
}
