#!/usr/bin/env bash
# Measures the decode-step floor openaccess's decode speed is capped by: llama.cpp (the build npm node-llama-cpp
# 3.21.1 ships for linux-x64, CPU backend, 1 thread) decoding one token at a time on llama blocks so small that a
# step's arithmetic is negligible (1 to 16 layers of width 64), 1,000 steps a run, 3 runs per size. Prints each run
# (graph nodes, median, 10th percentile and lowest step time) and the lowest time per graph node, and writes
# benchmarks/llama-cpp-calibration/work/STEP.table. Needs Linux, gcc, python3 with numpy, node/npm.
#
#   benchmarks/decode-step-floor.sh [python with torch]       (about a minute)
#
# Given a Python with PyTorch, also prints the least time of one eager PyTorch operator (torch_op.py), for comparison.
set -euo pipefail
cd "$(dirname "$0")/llama-cpp-calibration"
NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm install --omit=optional --no-audit --no-fund --silent
mkdir -p work
[ -d work/llama.cpp ] || git clone -q node_modules/node-llama-cpp/llama/gitRelease.bundle work/llama.cpp
gcc -O2 -o work/step step.c -Iwork/llama.cpp/include -Iwork/llama.cpp/ggml/include -ldl
bins=node_modules/@node-llama-cpp/linux-x64/bins/linux-x64
{
  for run in 1 2 3; do
    for layers in 1 2 4 8 16; do
      model=$(python3 write_gguf.py work "floor-llama-${layers}l" F16)
      printf '{"layers":%d,"run":%d,"result":%s}\n' "$layers" "$run" "$(work/step "$bins" "$model" 1 1000)"
    done
  done
} > work/step.jsonl
python3 - <<'PY' | tee work/STEP.table
import json
rows = [json.loads(l) for l in open('work/step.jsonl')]
print(f"{'layers':>6} {'run':>3} {'nodes':>5} {'median us':>9} {'p10 us':>7} {'lowest us':>9} {'lowest us/node':>14}")
for r in rows:
    x = r['result']
    print(f"{r['layers']:>6} {r['run']:>3} {x['graphNodes']:>5} {x['medianMicros']:>9.1f} {x['p10Micros']:>7.1f} "
          f"{x['lowestMicros']:>9.1f} {x['lowestMicros'] / x['graphNodes']:>14.3f}")
per_node = min(r['result']['lowestMicros'] / r['result']['graphNodes'] for r in rows)
nodes = {r['layers']: r['result']['graphNodes'] for r in rows}
print(f"graph nodes by layers: {dict(sorted(nodes.items()))}  (31 per layer + 6: "
      f"{all(n == 31 * l + 6 for l, n in nodes.items())})")
print(f"lowest time per graph node over all runs: {per_node:.3f} us")
PY
if [ $# -ge 1 ]; then "$1" torch_op.py | tee -a work/STEP.table; fi
