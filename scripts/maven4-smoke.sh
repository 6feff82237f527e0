#!/usr/bin/env bash
# A describe + check smoke build on Maven 4 (the newest release candidate on Maven Central when this was written),
# run by .ci/run after the test suite: the plugin (installed into the local repository first) describes the tiny Llama
# example, installs it with its descriptor, and the consumer example checks it. Fails when a build fails, when the
# plugin logs a warning, or when the results are not the expected ones.
#
#   scripts/maven4-smoke.sh                      (needs the plugin installed: ./mvnw -q install -DskipTests -Dinvoker.skip)
set -euo pipefail
cd "$(dirname "$0")/.."
version=4.0.0-rc-5
# SHA-256 of apache-maven-4.0.0-rc-5-bin.tar.gz; Central publishes only its SHA-1 (fa0344f1...), checked when pinned.
sha256=ece6a5c99d3d041c76e7fed1814eb9ea3a20a120bcb3c235a73d2c4e8db16ca1
dists="${HOME}/.m2/wrapper/dists/apache-maven-${version}"
mvn4="${dists}/apache-maven-${version}/bin/mvn"
if [ ! -x "$mvn4" ]; then
  mkdir -p "$dists"
  archive="${dists}/apache-maven-${version}-bin.tar.gz"
  curl -fsSL -o "$archive" \
    "https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/${version}/apache-maven-${version}-bin.tar.gz"
  echo "${sha256}  ${archive}" | sha256sum -c --quiet
  tar xzf "$archive" -C "$dists"
fi
"$mvn4" -v | head -1

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
run() { # name, args...
  local name="$1"; shift
  if ! "$mvn4" -B "$@" > "$logs/$name.log" 2>&1; then
    tail -40 "$logs/$name.log"; echo "maven4-smoke: the $name build failed" >&2; exit 1
  fi
  if grep -E '^\[(WARNING|ERROR)\] openaccess' "$logs/$name.log"; then
    echo "maven4-smoke: the plugin warned in the $name build" >&2; exit 1
  fi
  if grep -E 'dev\.openaccess:openaccess-maven-plugin.*(validation|deprecated)' "$logs/$name.log"; then
    echo "maven4-smoke: plugin validation issues in the $name build" >&2; exit 1
  fi
}
run describe -f examples/tiny-llama clean install -Dopenaccess.upToDateCheck=false
grep -q 'Tier: laptop (minimum profile: laptop-16gb)' "$logs/describe.log"
test -s examples/tiny-llama/target/openaccess.json
run check -f examples/consumer clean verify
grep -Eq 'dev\.openaccess\.examples:tiny-llama:1\.0\.0 +published .* pass' "$logs/check.log"
grep -q '"status" : "pass"' examples/consumer/target/openaccess-dependencies.json
echo "maven4-smoke: describe and check passed on Maven ${version}"
