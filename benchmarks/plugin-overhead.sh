#!/usr/bin/env bash
# What the describe goal adds to a small project's build: `mvn -o package` of examples/tiny-llama with the goal and
# with it skipped (-Dopenaccess.skip), alternating, several runs each; prints the median wall time of each.
#
#   benchmarks/plugin-overhead.sh [runs]        (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
./mvnw -q -B install -DskipTests -Dinvoker.skip
./mvnw -q -B -o -f examples/tiny-llama package   # warm the local repository and the digest cache
with=(); without=()
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N); ./mvnw -q -B -o -f examples/tiny-llama package > /dev/null; end=$(date +%s%N)
  with+=($(( (end - start) / 1000000 )))
  start=$(date +%s%N); ./mvnw -q -B -o -f examples/tiny-llama package -Dopenaccess.skip > /dev/null; end=$(date +%s%N)
  without+=($(( (end - start) / 1000000 )))
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
m_with=$(median "${with[@]}"); m_without=$(median "${without[@]}")
echo "with describe:    ${m_with} ms (runs: ${with[*]})"
echo "without describe: ${m_without} ms (runs: ${without[*]})"
echo "added: $(( m_with - m_without )) ms ($(echo "scale=1; 100 * ($m_with - $m_without) / $m_without" | bc)%)"
