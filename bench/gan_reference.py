#!/usr/bin/env python3
"""PyTorch reference for bench_gan: the GAN lab's generator, critic and WGAN-GP losses exactly as
core/ml/ganmodels.cpp builds them, and one critic / one generator update exactly as
core/ml/gantrainer.cpp (GanTrainer::Impl::trainOneStep) makes them, timed on the same batch shapes.

Prints one JSON line: {"impl": "pytorch", "preset", "batch", "threads", "critic_steps_per_second",
"generator_steps_per_second", "critic_steps", "generator_steps", "critic_cpu_seconds_per_step",
"generator_cpu_seconds_per_step", "baseline_mib", "peak_mib",
"training_mib", "generator_parameters", "critic_parameters", "torch"}.

Needs torch (Debian: apt-get install python3-torch). Usage:
    gan_reference.py --preset quick|full --threads N [--seconds S] [--batches FILE]
"""

import argparse
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


# ---- sizes (ganmodels.cpp GanConfig::full / quick) ----------------------------------------------

class Config:
    def __init__(self, preset):
        self.sequence_length = 24
        self.features = 10
        self.condition_size = 5
        self.heads = 8
        self.dropout = 0.1
        self.latent_noise = 0.1
        self.output_noise = 0.05
        self.critic_dropout = 0.2
        self.minibatch_channels = 16
        self.power_iterations = 1
        self.lr_g = 2e-4
        self.lr_d = 4e-4
        self.betas = (0.0, 0.9)
        self.lambda_gp = 10.0
        self.diversity_weight = 0.1
        self.feature_matching_weight = 0.5
        self.gradient_clip = 1.0
        self.instance_noise = 0.2
        self.seed = 42
        if preset == "full":
            self.latent, self.hidden, self.layers, self.batch_size, self.n_critic = 48, 256, 4, 32, 5
        elif preset == "quick":
            self.latent, self.hidden, self.layers, self.batch_size, self.n_critic = 16, 64, 2, 64, 3
        else:
            raise ValueError("preset is quick or full")


def round_up_to_three(n):
    return (n + 2) // 3 * 3


def critic_layer_width(c, layer):
    return round_up_to_three(c.hidden << layer)


def critic_input_channels(c):
    return round_up_to_three(c.features + c.hidden + c.minibatch_channels)


# ---- spectral normalisation (ganmodels.cpp SpectralNorm) ----------------------------------------

class SpectralNormalised(nn.Module):
    """Weight divided by its largest singular value, estimated by power iteration on persistent
    u/v buffers: a training forward advances them `iterations` steps, eval never does."""

    def attach(self, iterations):
        self.iterations = iterations
        mat = self.weight.detach().reshape(self.weight.size(0), -1)
        self.register_buffer("u", F.normalize(torch.randn(mat.size(0)), dim=0))
        self.register_buffer("v", F.normalize(torch.randn(mat.size(1)), dim=0))
        self.power_iterate(15)

    def power_iterate(self, steps):
        with torch.no_grad():
            mat = self.weight.reshape(self.weight.size(0), -1)
            for _ in range(steps):
                self.v.copy_(F.normalize(torch.mv(mat.t(), self.u), dim=0, eps=1e-12))
                self.u.copy_(F.normalize(torch.mv(mat, self.v), dim=0, eps=1e-12))

    def normalised_weight(self):
        if self.training:
            self.power_iterate(self.iterations)
        # u and v are constants for autograd; copies because the next forward updates them in place.
        sigma = torch.dot(self.u.clone(), torch.mv(self.weight.reshape(self.weight.size(0), -1), self.v.clone()))
        return self.weight / sigma


class SNLinear(SpectralNormalised):
    def __init__(self, inputs, outputs, iterations):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(outputs, inputs))
        self.bias = nn.Parameter(torch.empty(outputs))
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        nn.init.uniform_(self.bias, -1 / math.sqrt(inputs), 1 / math.sqrt(inputs))
        self.attach(iterations)

    def forward(self, x):
        return F.linear(x, self.normalised_weight(), self.bias)


class SNConv1d(SpectralNormalised):
    def __init__(self, inputs, outputs, kernel, iterations):
        super().__init__()
        assert kernel % 2 == 1
        self.padding = kernel // 2
        self.weight = nn.Parameter(torch.empty(outputs, inputs, kernel))
        self.bias = nn.Parameter(torch.empty(outputs))
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        bound = 1 / math.sqrt(inputs * kernel)
        nn.init.uniform_(self.bias, -bound, bound)
        self.attach(iterations)

    def forward(self, x):
        return F.conv1d(x, self.normalised_weight(), self.bias, 1, self.padding)


# ---- generator (ganmodels.cpp GeneratorImpl) ----------------------------------------------------

def causal_mask(length):
    return torch.triu(torch.full((length, length), -math.inf), 1)


def sinusoidal_positional_encoding(length, d_model):
    pe = torch.zeros(length, d_model)
    position = torch.arange(0, length, dtype=torch.float).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float) * (-math.log(10000.0) / d_model))
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term[: d_model // 2])
    return pe


class Generator(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        d = c.hidden
        self.input = nn.Sequential(
            nn.Linear(c.latent + c.condition_size, 2 * d), nn.LayerNorm(2 * d), nn.GELU(), nn.Dropout(c.dropout),
            nn.Linear(2 * d, d), nn.LayerNorm(d))
        # Post-norm, sequence-first, GELU, with a final LayerNorm: libtorch 1.13's decoder.
        layer = nn.TransformerDecoderLayer(d, c.heads, dim_feedforward=4 * d, dropout=c.dropout, activation="gelu")
        self.decoder = nn.TransformerDecoder(layer, c.layers, norm=nn.LayerNorm(d))
        self.head = nn.Sequential(nn.Linear(d, d), nn.LayerNorm(d), nn.GELU(), nn.Dropout(c.dropout),
                                  nn.Linear(d, c.features))
        self.target = nn.Parameter(torch.randn(c.sequence_length, d))
        self.register_buffer("positional", sinusoidal_positional_encoding(c.sequence_length, d))
        self.register_buffer("mask", causal_mask(c.sequence_length))
        with torch.no_grad():
            for name, p in self.named_parameters():
                if name == "target":
                    continue
                if p.dim() >= 2:
                    nn.init.xavier_normal_(p, gain=0.8)
                elif "bias" in name:
                    p.zero_()

    def forward(self, z, cond):
        c = self.c
        latent = z + torch.randn_like(z) * c.latent_noise if self.training and c.latent_noise > 0 else z
        batch, steps, d = z.size(0), c.sequence_length, c.hidden
        memory_vector = self.input(torch.cat([latent, cond], 1))
        memory = memory_vector.unsqueeze(0).expand(steps, batch, d).contiguous()
        target = (self.target + self.positional).unsqueeze(1).expand(steps, batch, d).contiguous()
        decoded = self.decoder(target, memory, tgt_mask=self.mask)
        out = self.head(decoded.transpose(0, 1))
        if self.training and c.output_noise > 0:
            out = out + torch.randn_like(out) * c.output_noise
        return out


# ---- critic (ganmodels.cpp CriticImpl) ----------------------------------------------------------

class Critic(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        it = c.power_iterations
        self.condition = SNLinear(c.condition_size, c.hidden, it)
        self.minibatch = SNLinear(c.features, max(1, c.hidden // 2), it)
        channels = critic_input_channels(c)
        self.convs = nn.ModuleList()
        for layer in range(3):
            width = critic_layer_width(c, layer)
            self.convs.append(nn.ModuleList([SNConv1d(channels, width // 3, k, it) for k in (3, 5, 7)]))
            channels = width
        self.head1 = SNLinear(c.sequence_length * channels, 4 * c.hidden, it)
        self.head2 = SNLinear(4 * c.hidden, 1, it)
        self.dropout = nn.Dropout(c.critic_dropout)

    def forward_with_features(self, x, cond):
        c = self.c
        batch, steps = x.size(0), x.size(1)
        condition_features = self.condition(cond).unsqueeze(2).expand(batch, c.hidden, steps)
        summary = self.minibatch(x).mean(1)
        distances = (summary.unsqueeze(1) - summary.unsqueeze(0)).abs().sum(2)
        others = 1 - torch.eye(batch, dtype=x.dtype)
        similarity = (torch.exp(-distances) * others).sum(1)
        minibatch_features = similarity.view(batch, 1, 1).expand(batch, c.minibatch_channels, steps)
        parts = [x.transpose(1, 2), condition_features, minibatch_features]
        padding = critic_input_channels(c) - (c.features + c.hidden + c.minibatch_channels)
        if padding > 0:
            parts.append(torch.zeros(batch, padding, steps, dtype=x.dtype))
        h = torch.cat(parts, 1)
        for branches in self.convs:
            h = torch.cat([branches[0](h), branches[1](h), branches[2](h)], 1)
            h = self.dropout(F.leaky_relu(h, 0.2))
        features = F.leaky_relu(self.head1(h.flatten(1)), 0.2)
        score = self.head2(self.dropout(features))
        return score, features

    def forward(self, x, cond):
        return self.forward_with_features(x, cond)[0]


# ---- losses (ganmodels.cpp) ---------------------------------------------------------------------

def gradient_penalty(critic, real, fake, cond, lam):
    alpha = torch.rand(real.size(0), 1, 1) * (1 - 2e-6) + 1e-6
    x = (alpha * real.detach() + (1 - alpha) * fake.detach()).requires_grad_(True)
    scores = critic(x, cond)
    gradients = torch.autograd.grad(scores.sum(), x, retain_graph=True, create_graph=True)[0]
    return lam * (gradients.reshape(x.size(0), -1).norm(2, 1) - 1).pow(2).mean()


def critic_loss(real_scores, fake_scores, penalty):
    return -(real_scores.mean() - fake_scores.mean()) + penalty


def mean_pairwise_distance(samples):
    if samples.size(0) < 2:
        return torch.zeros(())
    return torch.pdist(samples.reshape(samples.size(0), -1), 2).mean()


def generator_loss(fake_scores, fakes, real_features, fake_features, c):
    adversarial = -fake_scores.mean()
    diversity = -mean_pairwise_distance(fakes)
    feature_matching = (real_features.detach().mean(0) - fake_features.mean(0)).abs().mean()
    return adversarial + c.diversity_weight * diversity + c.feature_matching_weight * feature_matching


# ---- one update each (gantrainer.cpp trainOneStep), epoch 0 ------------------------------------

class Steps:
    def __init__(self, c):
        torch.manual_seed(c.seed)
        self.c = c
        self.g = Generator(c)
        self.d = Critic(c)
        self.g.train()
        self.d.train()
        self.opt_g = torch.optim.Adam(self.g.parameters(), lr=c.lr_g, betas=c.betas)
        self.opt_d = torch.optim.Adam(self.d.parameters(), lr=c.lr_d, betas=c.betas)
        self.sigma = c.instance_noise  # × 0.9^epoch, epoch 0

    def noisy(self, x):
        return x + torch.randn_like(x) * self.sigma if self.sigma > 0 else x

    def critic_step(self, real, cond):
        c = self.c
        with torch.no_grad():
            fake = self.g(torch.randn(real.size(0), c.latent), cond)
        real_seen, fake_seen = self.noisy(real), self.noisy(fake)
        self.opt_d.zero_grad()
        real_scores = self.d(real_seen, cond)
        fake_scores = self.d(fake_seen, cond)
        penalty = gradient_penalty(self.d, real_seen, fake_seen, cond, c.lambda_gp)
        loss = critic_loss(real_scores, fake_scores, penalty)
        values = (loss.item(), penalty.item(), (real_scores.mean() - fake_scores.mean()).item())
        loss.backward()
        norm = float(torch.nn.utils.clip_grad_norm_(self.d.parameters(), c.gradient_clip))
        if not all(math.isfinite(v) for v in values + (norm,)):
            raise RuntimeError("critic step diverged")
        self.opt_d.step()

    def generator_step(self, real, cond):
        c = self.c
        self.opt_g.zero_grad()
        generated = self.g(torch.randn(real.size(0), c.latent), cond)
        with torch.no_grad():
            real_features = self.d.forward_with_features(self.noisy(real), cond)[1]
        fake_scores, fake_features = self.d.forward_with_features(self.noisy(generated), cond)
        loss = generator_loss(fake_scores, generated, real_features, fake_features, c)
        value = loss.item()
        loss.backward()
        norm = float(torch.nn.utils.clip_grad_norm_(self.g.parameters(), c.gradient_clip))
        if not (math.isfinite(value) and math.isfinite(norm)):
            raise RuntimeError("generator step diverged")
        self.opt_g.step()


# ---- memory (as bench_gan.cpp) ------------------------------------------------------------------

def status_kib(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def reset_peak():
    # Linux ≥ 4.0: the high-water mark restarts from the current RSS.
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def timed(step, batches, seconds, minimum=3):
    """Steps, wall seconds and process CPU seconds (all threads), as bench_gan.cpp's timed()."""
    done, start, cpu_start = 0, time.perf_counter(), time.process_time()
    while done < minimum or time.perf_counter() - start < seconds:
        real, cond = batches[done % len(batches)]
        step(real, cond)
        done += 1
    return done, time.perf_counter() - start, time.process_time() - cpu_start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", choices=("quick", "full"), required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--batches", help="bench_gan's file of real batches (raw float32: 8 batches of "
                                           "sequences, then their conditions); random ones without it")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    c = Config(args.preset)
    count, window = 8, c.sequence_length * c.features
    if args.batches:
        total = count * c.batch_size * (window + c.condition_size)
        data = torch.from_file(args.batches, shared=False, size=total, dtype=torch.float32)
        split = count * c.batch_size * window
        xs = data[:split].reshape(count, c.batch_size, c.sequence_length, c.features)
        cs = data[split:].reshape(count, c.batch_size, c.condition_size)
        batches = [(xs[b].clone(), cs[b].clone()) for b in range(count)]
    else:
        # Normalised windows are ~N(0, 1): random batches of the real data's shapes.
        data_gen = torch.Generator().manual_seed(1)
        batches = [(torch.randn(c.batch_size, c.sequence_length, c.features, generator=data_gen),
                    torch.randn(c.batch_size, c.condition_size, generator=data_gen)) for _ in range(count)]
    peak_reset = reset_peak()
    baseline = status_kib("VmRSS")

    steps = Steps(c)
    for real, cond in batches[:2]:   # warm-up: allocator, thread pool, first-call paths
        steps.critic_step(real, cond)
        steps.generator_step(real, cond)
    critic_steps, critic_seconds, critic_cpu = timed(steps.critic_step, batches, args.seconds)
    generator_steps, generator_seconds, generator_cpu = timed(steps.generator_step, batches, args.seconds)
    peak = status_kib("VmHWM")

    print(json.dumps({
        "impl": "pytorch",
        "preset": args.preset,
        "batch": c.batch_size,
        "threads": torch.get_num_threads(),
        "critic_steps_per_second": critic_steps / critic_seconds,
        "generator_steps_per_second": generator_steps / generator_seconds,
        "critic_steps": critic_steps,
        "generator_steps": generator_steps,
        "critic_cpu_seconds_per_step": critic_cpu / critic_steps,
        "generator_cpu_seconds_per_step": generator_cpu / generator_steps,
        "baseline_mib": baseline / 1024.0,
        "peak_mib": peak / 1024.0,
        "training_mib": (peak - baseline) / 1024.0 if peak_reset else None,
        "generator_parameters": sum(p.numel() for p in steps.g.parameters()),
        "critic_parameters": sum(p.numel() for p in steps.d.parameters()),
        "torch": torch.__version__,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
