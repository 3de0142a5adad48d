using System;

namespace LocalModel.Generation;

/// <content>What the token loop needs of a request's decoding state.</content>
public sealed partial class VlmEngine
{
    /// <summary>A request's decoding state after prefill: the next-token logits, and a step that feeds the accepted token.</summary>
    private abstract class DecodeState : IDisposable
    {
        protected DecodeState(TokenSampler sampler, int capacity, int promptLength, double ortMs, double visionMs, double selectionMs, int visualTotal, int visualKept)
        {
            Sampler = sampler;
            Capacity = capacity;
            PromptLength = promptLength;
            OnnxRuntimeMs = ortMs;
            VisionMs = visionMs;
            SelectionMs = selectionMs;
            VisualTokensTotal = visualTotal;
            VisualTokensKept = visualKept;
        }

        public TokenSampler Sampler { get; }

        /// <summary>Gets the most positions the request may reach (prompt plus new tokens, within the context).</summary>
        public int Capacity { get; }

        /// <summary>Gets the prompt positions fed to the decoder's first layer.</summary>
        public int PromptLength { get; }

        /// <summary>Gets the positions processed so far (prompt plus generated tokens already fed).</summary>
        public int Length { get; protected set; }

        public double OnnxRuntimeMs { get; protected set; }

        public double VisionMs { get; }

        public double SelectionMs { get; }

        public double PrefillMs { get; protected set; }

        public int VisualTokensTotal { get; }

        /// <summary>Gets the visual tokens kept (after in-LLM pruning, those that reach the last layer).</summary>
        public int VisualTokensKept { get; protected set; }

        public float[]? PrefillLogits { get; protected set; }

        public abstract Span<float> Logits { get; }

        protected int LastToken { get; private set; } = -1;

        /// <summary>Records the token chosen from the current logits; it is fed by the next <see cref="Step"/>.</summary>
        public void Accept(int token) => LastToken = token;

        /// <summary>Feeds the last accepted token and leaves its next-token logits in <see cref="Logits"/>.</summary>
        public abstract void Step();

        public abstract void Dispose();
    }
}
