#!/usr/bin/env python3
"""Measures what openaccess's CPU fine-tuning rule rests on, with PyTorch on this machine's CPU, each part in a fresh
process (the parent runs the children and prints one JSON object):

  framework  the resident memory a fine-tuning process needs beyond its tensors: peak resident set (VmHWM) of a
             process that imports torch and runs AdamW steps on a 136,960-parameter decoder, less the tensors'
             bytes (weights, gradients, two Adam moments) and less nothing else (the interpreter counts: a run has one)
  gemm       sustained fp32 matrix-multiply throughput (torch.mm, 2048 x 2048, all threads): the most this CPU
             computes
  full       a training step of a small decoder (6 x 512 wide, 4 layers, 8,192 tokens of vocabulary, 256 tokens x 4
             sequences): model FLOPs per second by Kaplan et al.'s 6 x parameters x tokens, and that as a share of
             the GEMM figure (the utilisation a CPU fine-tuning run sustains)
  lora       the same decoder with its weights frozen and rank-8 adapters on the attention's query and value
             projections: seconds per token against the full step's (openaccess's rule takes 4/6 of the full
             step's FLOPs: no weight gradients for the frozen base)

    work/venv/bin/python measure.py [--threads N] [--rounds R]
"""
import json, math, os, subprocess, sys, time

STEPS = 6       # timed steps (after 2 warm-up steps)


def vm(field):
    for line in open('/proc/self/status'):
        if line.startswith(field + ':'):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def decoder(torch, vocab, width, layers, heads, seq):
    nn = torch.nn
    F = torch.nn.functional

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln1, self.ln2 = nn.LayerNorm(width), nn.LayerNorm(width)
            self.q, self.k, self.v, self.o = (nn.Linear(width, width) for _ in range(4))
            self.up, self.down = nn.Linear(width, 4 * width), nn.Linear(4 * width, width)

        def forward(self, x):
            b, t, _ = x.shape
            h = self.ln1(x)
            q, k, v = (p(h).view(b, t, heads, -1).transpose(1, 2) for p in (self.q, self.k, self.v))
            a = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(b, t, width)
            x = x + self.o(a)
            return x + self.down(F.gelu(self.up(self.ln2(x))))

    class Decoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.tok, self.pos = nn.Embedding(vocab, width), nn.Embedding(seq, width)
            self.blocks = nn.ModuleList(Block() for _ in range(layers))
            self.ln = nn.LayerNorm(width)

        def forward(self, ids):
            x = self.tok(ids) + self.pos(torch.arange(ids.shape[1]))
            for b in self.blocks:
                x = b(x)
            return self.ln(x) @ self.tok.weight.T   # tied output head

    return Decoder()


class Lora:
    """Rank-r adapters on a frozen Linear: y = W x + b + (x A^T) B^T (Hu et al. 2021)."""

    @staticmethod
    def wrap(torch, linear, rank):
        a = torch.nn.Parameter(torch.randn(rank, linear.in_features) * 0.01)
        b = torch.nn.Parameter(torch.zeros(linear.out_features, rank))
        forward = linear.forward
        linear.lora_a, linear.lora_b = a, b
        linear.forward = lambda x: forward(x) + (x @ a.T) @ b.T
        return [a, b]


def train(torch, model, params, vocab, seq, batch, steps):
    opt = torch.optim.AdamW(params, lr=1e-4)
    ids = torch.randint(0, vocab, (batch, seq))
    times = []
    for step in range(steps + 2):
        t = time.perf_counter()
        logits = model(ids[:, :-1])
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, vocab), ids[:, 1:].reshape(-1))
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=False)
        times.append(time.perf_counter() - t)
    return sorted(times[2:])[len(times[2:]) // 2], opt   # median step


def child(part, threads):
    base_rss = vm('VmRSS')
    import torch
    torch.manual_seed(0)
    torch.set_num_threads(threads)
    if part == 'framework':
        vocab, width, layers, heads, seq = 512, 64, 2, 2, 64
        model = decoder(torch, vocab, width, layers, heads, seq)
        params = list(model.parameters())
        n = sum(p.numel() for p in params)
        _, opt = train(torch, model, params, vocab, seq, 1, 3)
        tensors = 4 * n * 4   # fp32 weights, gradients, exp_avg, exp_avg_sq
        return dict(parameters=n, peakBytes=vm('VmHWM'), interpreterBytes=base_rss, tensorBytes=tensors,
                    frameworkBytes=vm('VmHWM') - tensors, torch=torch.__version__)
    if part == 'gemm':
        a, b = torch.randn(2048, 2048), torch.randn(2048, 2048)
        for _ in range(2):
            a @ b
        times = []
        for _ in range(8):
            t = time.perf_counter()
            a @ b
            times.append(time.perf_counter() - t)
        best = min(times)
        return dict(flopsPerSecond=2 * 2048 ** 3 / best, medianFlopsPerSecond=2 * 2048 ** 3 / sorted(times)[4])
    vocab, width, layers, heads, seq, batch = 8192, 512, 4, 8, 257, 4
    model = decoder(torch, vocab, width, layers, heads, seq)
    n = sum(p.numel() for p in model.parameters())
    if part == 'full':
        params = list(model.parameters())
    else:
        for p in model.parameters():
            p.requires_grad_(False)
        params = []
        for b in model.blocks:
            params += Lora.wrap(torch, b.q, 8) + Lora.wrap(torch, b.v, 8)
    step, _ = train(torch, model, params, vocab, seq, batch, STEPS)
    tokens = batch * (seq - 1)
    return dict(parameters=n, trainable=sum(p.numel() for p in params), tokensPerStep=tokens, stepSeconds=step,
                modelFlopsPerSecond=6 * n * tokens / step, secondsPerToken=step / tokens)


def main():
    threads = int(sys.argv[sys.argv.index('--threads') + 1]) if '--threads' in sys.argv else os.cpu_count()
    rounds = int(sys.argv[sys.argv.index('--rounds') + 1]) if '--rounds' in sys.argv else 3
    if len(sys.argv) > 2 and sys.argv[1] == '--child':
        print(json.dumps(child(sys.argv[2], threads)))
        return
    out = dict(threads=threads, rounds=rounds,
               cpu=open('/proc/cpuinfo').read().split('model name')[1].split('\n')[0].strip(': \t'))
    # The throughput parts alternate, `rounds` times, and each keeps its best round: on a machine shared with other
    # work, the best round is the one least disturbed (memory is not disturbed: 'framework' runs once).
    for part in ['framework'] + ['gemm', 'full', 'lora'] * rounds:
        p = subprocess.run([sys.executable, __file__, '--child', part, '--threads', str(threads)],
                           capture_output=True, text=True, check=True)
        r = json.loads(p.stdout)
        best = out.get(part)
        if best is None or r.get('flopsPerSecond', 0) > best.get('flopsPerSecond', 0) \
                or r.get('stepSeconds', 1e9) < best.get('stepSeconds', 1e9):
            out[part] = r
    out['fullUtilizationOfGemm'] = out['full']['modelFlopsPerSecond'] / out['gemm']['flopsPerSecond']
    out['loraSecondsPerTokenOverFull'] = out['lora']['secondsPerToken'] / out['full']['secondsPerToken']
    print(json.dumps(out, indent=2))


if __name__ == '__main__':
    main()
