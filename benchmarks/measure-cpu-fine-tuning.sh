#!/usr/bin/env bash
# Measures what openaccess's CPU fine-tuning rule rests on (benchmarks/cpu-fine-tuning/measure.py): PyTorch's
# resident memory beyond the tensors, sustained GEMM throughput, a full and a LoRA training step on the CPU. Needs
# Linux and python3; installs torch (CPU build) into benchmarks/cpu-fine-tuning/work/venv, from a local wheel when
# one is given.
#
#   benchmarks/measure-cpu-fine-tuning.sh [torch wheel] [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/cpu-fine-tuning"
mkdir -p work
[ -x work/venv/bin/python ] || python3 -m venv --system-site-packages work/venv
work/venv/bin/python -c 'import torch' 2>/dev/null || work/venv/bin/pip install -q "${1:-torch}"
work/venv/bin/python measure.py --rounds "${2:-3}" | tee work/measure.json
