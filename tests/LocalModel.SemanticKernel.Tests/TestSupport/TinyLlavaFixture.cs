using System;
using System.IO;
using LocalModel.Generation;
using Agents.TestSupport;

namespace LocalModel.SemanticKernel.Tests.TestSupport;

/// <summary>The tiny-llava package (random weights: 16 visual tokens per image, a 512-position context) and one shared engine.</summary>
public sealed class TinyLlavaFixture : IDisposable
{
    public const int TokensPerImage = 16;

    public TinyLlavaFixture()
    {
        PackageDirectory = Fixtures.Package("tiny-llava");
        Engine = VlmEngine.Load(PackageDirectory);
        ImageBytes = File.ReadAllBytes(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png"));
    }

    public string PackageDirectory { get; }

    /// <summary>An engine tests may share (it is thread-safe); registrations over it do not dispose it.</summary>
    public VlmEngine Engine { get; }

    public byte[] ImageBytes { get; }

    public void Dispose() => Engine.Dispose();
}
