#!/usr/bin/env bash
# Writes RESULTS.md: the findings (RESULTS.head.md) and the table fit.py prints.
set -euo pipefail
cd "$(dirname "$0")"
{ cat RESULTS.head.md; cat work/RESULTS.table; echo '```'; } > RESULTS.md
