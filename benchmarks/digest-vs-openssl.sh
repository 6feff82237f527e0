#!/usr/bin/env bash
# SHA-256 of a large file: openaccess's streaming digest against `openssl dgst -sha256` on the same file, best of
# three each (the file cached in memory after the first read, so both measure hashing, not the disk).
#
#   benchmarks/digest-vs-openssl.sh [size in MiB]        (default 1024)
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1024}"
file=$(mktemp)
trap 'rm -f "$file"' EXIT
head -c "$((size * 1024 * 1024))" /dev/urandom > "$file"
./mvnw -q -B install -DskipTests -Dinvoker.skip
classpath="$(find ~/.m2/repository/dev/openaccess/openaccess-core/0.1.0-SNAPSHOT -name 'openaccess-core-0.1.0-SNAPSHOT.jar')"
best=999
for run in 1 2 3; do
  start=$(date +%s.%N); openssl dgst -sha256 "$file" > /dev/null; end=$(date +%s.%N)
  best=$(echo "$end - $start" | bc | awk -v b="$best" '{ print ($1 < b) ? $1 : b }')
done
java_result=$(java -cp "$classpath" benchmarks/DigestSpeed.java "$file")
java_seconds=${java_result%% *}
echo "file: ${size} MiB"
echo "openssl dgst -sha256: ${best} s ($(echo "$size / $best" | bc) MiB/s)"
echo "openaccess Sha256:    ${java_seconds} s ($(echo "$size / $java_seconds" | bc) MiB/s)"
echo "ratio (openaccess / openssl time): $(echo "scale=2; $java_seconds / $best" | bc)"
