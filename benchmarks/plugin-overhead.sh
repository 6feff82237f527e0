#!/usr/bin/env bash
# What openaccess adds to a small project's build: `mvn -o package` of examples/tiny-llama (a jar holding a
# 124k-parameter model) in three forms, alternating, several runs each:
#   without   - the same project with the plugin removed from its pom
#   skipped   - with the plugin, -Dopenaccess.skip: what merely having the plugin costs (Maven resolves its
#               dependencies and builds its class realm before the goal can even look at `skip`)
#   describe  - with the plugin: the descriptor and the CycloneDX ML-BOM written and attached
#   no-bom    - with the plugin, -Dopenaccess.cyclonedx=false: the descriptor alone
# Prints the median wall time and the median CPU time (user + sys of the Maven JVM) of each, and what each adds.
#
#   benchmarks/plugin-overhead.sh [runs]        (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
./mvnw -q -B install -DskipTests -Dinvoker.skip

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r examples/tiny-llama "$work/with"
cp -r examples/tiny-llama "$work/without"
# the <plugins> block of <build> that declares openaccess, and nothing else, goes
perl -0pi -e 's{\s*<plugins>\s*<plugin>\s*<groupId>dev\.openaccess</groupId>.*?</plugins>}{}s' "$work/without/pom.xml"
if grep -q openaccess-maven-plugin "$work/without/pom.xml"; then
  echo "could not remove the plugin from the copied pom" >&2
  exit 1
fi

mvn_timed() { # prints "wall_ms cpu_ms" of one offline build
  local TIMEFORMAT='%R %U %S' times
  times=$( { time ./mvnw -q -B -o "$@" > /dev/null; } 2>&1 | tail -1)
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<< "$times"
}
for form in without with; do ./mvnw -q -B -o -f "$work/$form" package > /dev/null; done # warm caches, digest cache

declare -A wall cpu
for run in $(seq 1 "$runs"); do
  for form in without skipped describe no-bom; do
    case $form in
      without)  read -r w c < <(mvn_timed -f "$work/without" package) ;;
      skipped)  read -r w c < <(mvn_timed -f "$work/with" package -Dopenaccess.skip) ;;
      describe) read -r w c < <(mvn_timed -f "$work/with" package) ;;
      no-bom)   read -r w c < <(mvn_timed -f "$work/with" package -Dopenaccess.cyclonedx=false) ;;
    esac
    wall[$form]+="$w "; cpu[$form]+="$c "
  done
done
median() { tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
base_wall=$(median "${wall[without]}"); base_cpu=$(median "${cpu[without]}")
for form in without skipped describe no-bom; do
  w=$(median "${wall[$form]}"); c=$(median "${cpu[$form]}")
  printf '%-9s wall %5d ms (+%4d ms, %+5.1f%%)  cpu %5d ms (+%4d ms)  runs: %s\n' "$form" "$w" $(( w - base_wall )) \
    "$(echo "scale=3; 100 * ($w - $base_wall) / $base_wall" | bc)" "$c" $(( c - base_cpu )) "${wall[$form]}"
done
