#!/usr/bin/env python3
"""Runs the calibration grid: each cell a fresh `measure` process; appends one JSON line per run to
work/measurements.jsonl and skips runs already there (the grid resumes where it stopped).

    grid.py [--budget-minutes N]        (cells in order; stops starting new ones once the budget is spent)

The grid (budgeted for a 2-core machine, see RESULTS.md for what was cut): every family and quantization at a
512-token context with repacking on, and the Q4_K files with it off (fitted); then longer contexts, four parallel
sequences (held out).
"""
import json, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, 'work')
BINS = os.path.join(HERE, 'node_modules', '@node-llama-cpp', 'linux-x64', 'bins', 'linux-x64')
FAMILIES = ['qwen2.5-0.5b', 'granite-3.0-1b-a400m', 'llama-3.2-1b', 'gemma-3-1b']

# (family, quant, context, sequences, repack, runs, set)
GRID = []
for fam in FAMILIES:
    for quant in ['F16', 'Q8_0', 'Q4_K']:
        GRID.append((fam, quant, 512, 1, 1, 3 if (fam, quant) in [('qwen2.5-0.5b', 'F16'), ('granite-3.0-1b-a400m', 'Q4_K')] else 1, 'fit'))
    GRID.append((fam, 'Q4_K', 512, 1, 0, 1, 'fit'))
GRID += [
    ('qwen2.5-0.5b', 'Q8_0', 2048, 1, 1, 1, 'fit'),
    ('qwen2.5-0.5b', 'F16', 512, 4, 1, 1, 'held-out'),
    ('llama-3.2-1b', 'Q8_0', 512, 4, 1, 1, 'held-out'),
    ('granite-3.0-1b-a400m', 'Q8_0', 4096, 1, 1, 1, 'held-out'),
    ('qwen2.5-0.5b', 'Q8_0', 512, 1, 0, 1, 'held-out'),   # repacking off changes nothing for Q8_0 on AVX2
    ('qwen2.5-0.5b', 'Q4_K', 8192, 1, 1, 1, 'held-out'),
    ('gemma-3-1b', 'Q4_K', 1024, 4, 0, 1, 'held-out'),
    ('llama-3.2-1b', 'Q4_K', 2048, 1, 0, 1, 'held-out'),
    ('gemma-3-1b', 'Q8_0', 8192, 1, 1, 1, 'held-out'),
    ('granite-3.0-1b-a400m', 'Q4_K', 1024, 4, 1, 1, 'held-out'),
    ('gemma-3-1b', 'F16', 2048, 1, 1, 1, 'held-out'),
    ('llama-3.2-1b', 'F16', 4096, 1, 1, 1, 'held-out'),
    # the long band, on the sliding-window family: its windowed layers cap what a fill costs, its four global
    # layers' KV cache and the masks grow with the context
    ('gemma-3-1b', 'Q8_0', 16384, 1, 1, 1, 'held-out'),
    ('gemma-3-1b', 'Q4_K', 32768, 1, 1, 1, 'held-out'),
    # a 16k full-attention context, and four parallel sequences of 4,096 tokens
    ('llama-3.2-1b', 'Q4_K', 16384, 1, 1, 1, 'held-out'),
    ('qwen2.5-0.5b', 'Q8_0', 4096, 4, 1, 1, 'held-out'),
    # F16 past 4,096 tokens
    ('gemma-3-1b', 'F16', 8192, 1, 1, 1, 'held-out'),
]
# Cut on the 2-core development machine (RESULTS.md): 32,768 tokens for the families without a sliding window.
# Qwen's 8,192-token fill alone took 1,239 s there, and a fill grows faster than linearly with the context; on a
# faster machine, add them here:
#   ('qwen2.5-0.5b', 'Q4_K', 32768, 1, 0, 1, 'held-out'), ('llama-3.2-1b', 'Q4_K', 32768, 1, 1, 1, 'held-out')


def key(c):
    return f'{c[0]}|{c[1]}|{c[2]}|{c[3]}|{c[4]}'


def main():
    budget = float(sys.argv[sys.argv.index('--budget-minutes') + 1]) * 60 if '--budget-minutes' in sys.argv else 1e9
    os.makedirs(WORK, exist_ok=True)
    out = os.path.join(WORK, 'measurements.jsonl')
    done = {}
    if os.path.exists(out):
        for line in open(out):
            r = json.loads(line)
            done[r['cell']] = done.get(r['cell'], 0) + 1
    start = time.time()
    for c in GRID:
        fam, quant, ctx, seqs, repack, runs, which = c
        for run in range(done.get(key(c), 0), runs):
            if time.time() - start > budget:
                print('budget spent: stopping before', key(c), flush=True)
                return
            model = subprocess.run([sys.executable, os.path.join(HERE, 'write_gguf.py'), WORK, fam, quant],
                                   check=True, capture_output=True, text=True).stdout.strip()
            p = subprocess.run([os.path.join(WORK, 'measure'), BINS, model, str(ctx), str(seqs), str(repack)],
                               capture_output=True, text=True)
            if p.returncode != 0:
                print('FAILED', key(c), p.returncode, p.stderr[-2000:], flush=True)
                break
            r = json.loads(p.stdout)
            r.update(cell=key(c), family=fam, quant=quant, context=ctx, sequences=seqs, repack=repack, set=which,
                     run=run, model=os.path.basename(model), fileBytes=os.path.getsize(model))
            with open(out, 'a') as f:
                f.write(json.dumps(r) + '\n')
            print(key(c), run, r['peakKiB'] // 1024, 'MiB', r['seconds'], 's', flush=True)


if __name__ == '__main__':
    main()
