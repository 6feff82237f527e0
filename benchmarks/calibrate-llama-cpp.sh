#!/usr/bin/env bash
# Calibrates openaccess's llama.cpp memory rule against real runs: llama.cpp as node-llama-cpp 3.21.1 ships it for
# linux-x64 (npm), on GGUF files of real decoder shapes with random weights and real tokenizers that the harness
# writes itself, each cell a fresh process (peak resident memory growth after loading, creating the context, filling
# it and one generation step). Prints measured vs estimated per cell and writes
# benchmarks/llama-cpp-calibration/work/RESULTS.table. Needs Linux, gcc, python3 with numpy, node/npm, ~16 GB of disk.
#
#   benchmarks/calibrate-llama-cpp.sh [budget minutes, default 120]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! [ -w /proc/self/clear_refs ]; then
  echo "calibrate-llama-cpp: /proc/self/clear_refs is not writable: peak memory cannot be reset here" >&2
  exit 2
fi
h=benchmarks/llama-cpp-calibration
./mvnw -q -B -o -pl openaccess-core package -DskipTests 2>/dev/null || ./mvnw -q -B -pl openaccess-core package -DskipTests
./mvnw -q -B -pl openaccess-core dependency:build-classpath -Dmdep.outputFile="$PWD/$h/work/classpath.txt"
(cd "$h" && NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm install --omit=optional --no-audit --no-fund --silent)
mkdir -p "$h/work"
# llama.h of the very build that the npm package's binaries were made from: the git bundle node-llama-cpp ships
[ -d "$h/work/llama.cpp" ] || git clone -q "$h/node_modules/node-llama-cpp/llama/gitRelease.bundle" "$h/work/llama.cpp"
gcc -O2 -o "$h/work/measure" "$h/measure.c" -I"$h/work/llama.cpp/include" -I"$h/work/llama.cpp/ggml/include" -ldl
python3 "$h/grid.py" --budget-minutes "${1:-120}"
python3 -c "
import json
for l in open('$h/work/measurements.jsonl'):
    r = json.loads(l); print('$h/work/' + r['model'], r['context'], r['sequences'], r['repack'])
" | sort -u > "$h/work/cells.txt"
java -cp "openaccess-core/target/classes:$(cat "$h/work/classpath.txt")" "$h/Estimate.java" < "$h/work/cells.txt" \
  > "$h/work/estimates.jsonl"
python3 "$h/fit.py" | tee "$h/work/RESULTS.table"
"$h/finalize.sh"   # RESULTS.md: the findings in RESULTS.head.md and this table
