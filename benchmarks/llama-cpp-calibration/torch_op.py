#!/usr/bin/env python3
"""PyTorch eager: the least time of one operator on a 64-wide activation (1 thread), beside llama.cpp's per-node floor."""
import time, torch
torch.set_num_threads(1)
x = torch.randn(1, 64); w = torch.randn(64, 64)
best = {}
for name, op in [('add', lambda: torch.add(x, x)), ('matmul', lambda: torch.matmul(x, w)),
                 ('silu', lambda: torch.nn.functional.silu(x)), ('softmax', lambda: torch.softmax(x, -1))]:
    with torch.inference_mode():
        for _ in range(2000): op()
        t = []
        for _ in range(20000):
            t0 = time.perf_counter_ns(); op(); t.append(time.perf_counter_ns() - t0)
    t.sort()
    best[name] = (t[0] / 1000, t[len(t) // 2] / 1000)
print(torch.__version__, {k: f'lowest {a:.2f} us, median {b:.2f} us' for k, (a, b) in best.items()})
