"""The trainable LLaVA-architecture model of the embedded default VLM.

A CLIP-style ViT with [CLS] (pre-LayerNorm, quick GELU), LLaVA-1.5's mlp2x_gelu projector and a Llama-style decoder
(RMSNorm, rotary positions, SwiGLU, grouped-query attention). Parameter names are the llava-hf layout
(``vision_tower.vision_model.*``, ``multi_modal_projector.*``, ``language_model.*``), so ``state_dict()`` is written
as the checkpoint the C# builder reads, and the builder's graphs compute what ``forward`` computes here.

Written for training on a CPU: the loss is taken on answer positions only (the LM head runs on those rows), the
vision tower runs only for examples with images, and batches are right-padded with a key mask.
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def quick_gelu(x):
    return x * torch.sigmoid(1.702 * x)


class VisionAttention(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads, self.head_dim = heads, hidden // heads
        self.q_proj = nn.Linear(hidden, hidden)
        self.k_proj = nn.Linear(hidden, hidden)
        self.v_proj = nn.Linear(hidden, hidden)
        self.out_proj = nn.Linear(hidden, hidden)

    def forward(self, x):
        b, n, d = x.shape
        q = self.q_proj(x).view(b, n, self.heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(b, n, self.heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(b, n, self.heads, self.head_dim).transpose(1, 2)
        a = torch.softmax((q @ k.transpose(-1, -2)) / math.sqrt(self.head_dim), dim=-1)
        return self.out_proj((a @ v).transpose(1, 2).reshape(b, n, d))


class VisionMlp(nn.Module):
    def __init__(self, hidden, inter):
        super().__init__()
        self.fc1 = nn.Linear(hidden, inter)
        self.fc2 = nn.Linear(inter, hidden)

    def forward(self, x):
        return self.fc2(quick_gelu(self.fc1(x)))


class VisionLayer(nn.Module):
    def __init__(self, vc):
        super().__init__()
        h = vc["hidden_size"]
        self.layer_norm1 = nn.LayerNorm(h, eps=vc["layer_norm_eps"])
        self.self_attn = VisionAttention(h, vc["num_attention_heads"])
        self.layer_norm2 = nn.LayerNorm(h, eps=vc["layer_norm_eps"])
        self.mlp = VisionMlp(h, vc["intermediate_size"])

    def forward(self, x):
        x = x + self.self_attn(self.layer_norm1(x))
        return x + self.mlp(self.layer_norm2(x))


class VisionEmbeddings(nn.Module):
    def __init__(self, vc):
        super().__init__()
        h, p, s = vc["hidden_size"], vc["patch_size"], vc["image_size"]
        self.class_embedding = nn.Parameter(torch.randn(h) * 0.02)
        self.patch_embedding = nn.Conv2d(vc["num_channels"], h, kernel_size=p, stride=p, bias=False)
        self.position_embedding = nn.Embedding((s // p) ** 2 + 1, h)

    def forward(self, pixel_values):
        patches = self.patch_embedding(pixel_values).flatten(2).transpose(1, 2)
        cls = self.class_embedding.expand(patches.shape[0], 1, -1)
        x = torch.cat([cls, patches], dim=1)
        return x + self.position_embedding.weight.unsqueeze(0)


class VisionEncoder(nn.Module):
    def __init__(self, vc):
        super().__init__()
        self.layers = nn.ModuleList([VisionLayer(vc) for _ in range(vc["num_hidden_layers"])])


class VisionModel(nn.Module):
    def __init__(self, vc):
        super().__init__()
        h = vc["hidden_size"]
        self.embeddings = VisionEmbeddings(vc)
        self.pre_layrnorm = nn.LayerNorm(h, eps=vc["layer_norm_eps"])
        self.encoder = VisionEncoder(vc)
        # Part of the checkpoint layout; LLaVA's features come from a hidden state before it, so it is not trained.
        self.post_layernorm = nn.LayerNorm(h, eps=vc["layer_norm_eps"])
        for p in self.post_layernorm.parameters():
            p.requires_grad_(False)

    def forward(self, pixel_values, feature_layers):
        x = self.pre_layrnorm(self.embeddings(pixel_values))
        for layer in self.encoder.layers[:feature_layers]:
            x = layer(x)
        return x


class VisionTower(nn.Module):
    def __init__(self, vc):
        super().__init__()
        self.vision_model = VisionModel(vc)


class Projector(nn.Module):
    def __init__(self, vision_hidden, text_hidden):
        super().__init__()
        self.linear_1 = nn.Linear(vision_hidden, text_hidden)
        self.linear_2 = nn.Linear(text_hidden, text_hidden)

    def forward(self, x):
        return self.linear_2(F.gelu(self.linear_1(x)))


class RmsNorm(nn.Module):
    def __init__(self, d, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d))
        self.eps = eps

    def forward(self, x):
        return self.weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


class TextAttention(nn.Module):
    def __init__(self, tc):
        super().__init__()
        h = tc["hidden_size"]
        self.heads, self.kv_heads, self.head_dim = tc["num_attention_heads"], tc["num_key_value_heads"], tc["head_dim"]
        self.q_proj = nn.Linear(h, self.heads * self.head_dim, bias=False)
        self.k_proj = nn.Linear(h, self.kv_heads * self.head_dim, bias=False)
        self.v_proj = nn.Linear(h, self.kv_heads * self.head_dim, bias=False)
        self.o_proj = nn.Linear(self.heads * self.head_dim, h, bias=False)

    def forward(self, x, cos, sin, mask):
        b, n, _ = x.shape
        q = self.q_proj(x).view(b, n, self.heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(b, n, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(b, n, self.kv_heads, self.head_dim).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if self.kv_heads != self.heads:
            rep = self.heads // self.kv_heads
            k = k.repeat_interleave(rep, dim=1)
            v = v.repeat_interleave(rep, dim=1)
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(self.head_dim) + mask
        a = torch.softmax(scores, dim=-1)
        return self.o_proj((a @ v).transpose(1, 2).reshape(b, n, -1))


class TextMlp(nn.Module):
    def __init__(self, tc):
        super().__init__()
        h, i = tc["hidden_size"], tc["intermediate_size"]
        self.gate_proj = nn.Linear(h, i, bias=False)
        self.up_proj = nn.Linear(h, i, bias=False)
        self.down_proj = nn.Linear(i, h, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class TextLayer(nn.Module):
    def __init__(self, tc):
        super().__init__()
        self.input_layernorm = RmsNorm(tc["hidden_size"], tc["rms_norm_eps"])
        self.self_attn = TextAttention(tc)
        self.post_attention_layernorm = RmsNorm(tc["hidden_size"], tc["rms_norm_eps"])
        self.mlp = TextMlp(tc)

    def forward(self, x, cos, sin, mask):
        x = x + self.self_attn(self.input_layernorm(x), cos, sin, mask)
        return x + self.mlp(self.post_attention_layernorm(x))


class TextModel(nn.Module):
    def __init__(self, tc):
        super().__init__()
        self.embed_tokens = nn.Embedding(tc["vocab_size"], tc["hidden_size"])
        self.layers = nn.ModuleList([TextLayer(tc) for _ in range(tc["num_hidden_layers"])])
        self.norm = RmsNorm(tc["hidden_size"], tc["rms_norm_eps"])


class LanguageModel(nn.Module):
    def __init__(self, tc):
        super().__init__()
        self.model = TextModel(tc)
        self.lm_head = nn.Linear(tc["hidden_size"], tc["vocab_size"], bias=False)
        self.tc = tc

    def rope(self, positions, dtype):
        d = self.tc["head_dim"]
        inv = 1.0 / (self.tc["rope_theta"] ** (torch.arange(0, d, 2, dtype=torch.float32) / d))
        freqs = positions.float()[:, None] * inv[None, :]
        emb = torch.cat([freqs, freqs], dim=-1)
        return emb.cos().to(dtype)[None, None], emb.sin().to(dtype)[None, None]

    def hidden(self, embeds, key_mask):
        """Final-norm hidden states of right-padded ``embeds`` [b, n, h]; ``key_mask`` [b, n] is 1 on real tokens."""
        b, n, _ = embeds.shape
        cos, sin = self.rope(torch.arange(n), embeds.dtype)
        causal = torch.full((n, n), float("-inf")).triu(1)
        pad = torch.zeros(b, 1, 1, n)
        pad.masked_fill_(key_mask[:, None, None, :] == 0, float("-inf"))
        mask = causal[None, None] + pad
        x = embeds
        for layer in self.model.layers:
            x = layer(x, cos, sin, mask)
        return self.model.norm(x)


class LlavaModel(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        vc, tc = config["vision_config"], config["text_config"]
        self.vision_tower = VisionTower(vc)
        self.multi_modal_projector = Projector(vc["hidden_size"], tc["hidden_size"])
        self.language_model = LanguageModel(tc)
        layer = config["vision_feature_layer"]
        self.feature_layers = vc["num_hidden_layers"] + 1 + layer if layer < 0 else layer
        self.image_token = config["image_token_index"]
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.normal_(m.weight, std=0.02)
            if getattr(m, "bias", None) is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.normal_(m.weight, std=0.02)

    def image_features(self, pixel_values):
        """Projected visual tokens [images, patches, text_hidden] ([CLS] dropped: the 'default' strategy)."""
        h = self.vision_tower.vision_model(pixel_values, self.feature_layers)
        return self.multi_modal_projector(h[:, 1:])

    def embed(self, prompts, pixel_values, feats=None):
        """Input embeddings of each prompt with every image token replaced by that image's visual tokens
        (``feats`` when given: the projected visual tokens of ``pixel_values``, already computed)."""
        embed = self.language_model.model.embed_tokens
        if feats is None and pixel_values is not None and pixel_values.shape[0]:
            feats = self.image_features(pixel_values)
        out, used = [], 0
        for ids in prompts:
            ids_t = torch.tensor(ids, dtype=torch.long)
            e = embed(ids_t)
            where = (ids_t == self.image_token).nonzero().flatten().tolist()
            if not where:
                out.append(e)
                continue
            pieces, start = [], 0
            for w in where:
                pieces.append(e[start:w])
                pieces.append(feats[used])
                used += 1
                start = w + 1
            pieces.append(e[start:])
            out.append(torch.cat(pieces, dim=0))
        return out

    def loss(self, batch, return_vision=False, prompt_loss=False):
        """Mean next-token cross-entropy over the answer tokens of ``batch`` (see ``make_batch``); with
        ``return_vision``, also the vision tower's last hidden states [images, 1 + patches, vision_hidden] (or None),
        for auxiliary training losses on the visual features, and per example its mean answer-token loss and whether
        every answer token was the argmax (teacher-forced exact answer), and (with ``prompt_loss``) the mean next-token
        loss on the prompt's text positions, a language model's own objective (0 without it)."""
        # the tower's output: given when the tower is frozen (computed once, DataSet.cache_vision), else computed here
        pixels, vision, feats = batch["pixels"], batch.get("vision"), None
        if vision is None and pixels is not None and pixels.shape[0]:
            vision = self.vision_tower.vision_model(pixels, self.feature_layers)
        if vision is not None:
            feats = self.multi_modal_projector(vision[:, 1:])
        seqs = self.embed(batch["inputs"], pixels, feats)
        n = max(s.shape[0] for s in seqs)
        h = seqs[0].shape[1]
        x = torch.zeros(len(seqs), n, h)
        key = torch.zeros(len(seqs), n)
        rows, targets = [], []
        for i, (s, (first, answer)) in enumerate(zip(seqs, batch["answers"])):
            x[i, : s.shape[0]] = s
            key[i, : s.shape[0]] = 1
            # position first+j predicts answer[j+1]; the prompt's last position predicts answer[0]
            rows.extend(i * n + first - 1 + j for j in range(len(answer)))
            targets.extend(answer)
        hidden = self.language_model.hidden(x, key).reshape(-1, h)
        logits = self.language_model.lm_head(hidden[torch.tensor(rows)])
        t = torch.tensor(targets)
        prompt = torch.zeros(())
        if prompt_loss:
            visual = feats.shape[1] if feats is not None else 0
            prompt_rows, prompt_targets = [], []
            for i, (ids, (first, _)) in enumerate(zip(batch["inputs"], batch["answers"])):
                expanded = []
                for tok in ids[:first]:
                    expanded.extend([-100] * visual if tok == self.image_token else [tok])
                for pos in range(min(first, len(expanded)) - 1):
                    if expanded[pos + 1] >= 0:
                        prompt_rows.append(i * n + pos)
                        prompt_targets.append(expanded[pos + 1])
            if prompt_rows:
                prompt = F.cross_entropy(self.language_model.lm_head(hidden[torch.tensor(prompt_rows)]), torch.tensor(prompt_targets))
        per_token = F.cross_entropy(logits, t, reduction="none")
        loss = per_token.mean()
        hits = (logits.argmax(-1) == t).float()
        correct = hits.mean()
        if not return_vision:
            return loss, correct
        # per example: (mean answer-token loss, 1 when every answer token is the argmax), for per-task logs
        per_example, at = [], 0
        for _, answer in batch["answers"]:
            k = len(answer)
            per_example.append((float(per_token[at:at + k].mean()), float(hits[at:at + k].min())))
            at += k
        return loss, correct, vision, per_example, prompt

    @torch.no_grad()
    def prefill_logits(self, ids, pixel_values):
        seq = self.embed([ids], pixel_values)[0]
        hidden = self.language_model.hidden(seq[None], torch.ones(1, seq.shape[0]))
        return self.language_model.lm_head(hidden[0])

    @torch.no_grad()
    def greedy(self, ids, pixel_values, steps, eos=None):
        """Greedy continuation (recomputes the prefix each step: for checks, not speed)."""
        seq = self.embed([ids], pixel_values)[0]
        out, margins = [], []
        for _ in range(steps):
            hidden = self.language_model.hidden(seq[None], torch.ones(1, seq.shape[0]))
            logits = self.language_model.lm_head(hidden[0, -1])
            top = torch.topk(logits, 2)
            tok = int(top.indices[0])
            out.append(tok)
            margins.append(float(top.values[0] - top.values[1]))
            if eos is not None and tok == eos:
                break
            seq = torch.cat([seq, self.language_model.model.embed_tokens(torch.tensor([tok]))], dim=0)
        return out, margins
