#!/usr/bin/env bash
# Measures the check goal on a project with many AI dependencies (200 by default) served by a real HTTP repository:
# nginx on loopback serving generated artifacts, each a copy of the tiny Llama example with its descriptor. Runs the
# consumer build twice: cold (every descriptor fetched over HTTP, fresh coordinates each time) and warm (offline,
# from the local repository), and prints the time the check goal reports for resolving and judging them.
#
#   benchmarks/check-dependencies.sh [count]          (needs nginx: apt-get install nginx-light)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-200}"
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "check-dependencies: nginx is not installed" >&2; exit 2; }
work=$(mktemp -d)
cleanup() { "$nginx" -c "$work/nginx.conf" -p "$work" -s stop 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

./mvnw -q -B install -DskipTests -Dinvoker.skip
./mvnw -q -B -f examples/tiny-llama package -Dopenaccess.cyclonedx=false
group="dev.openaccess.bench.run$(date +%s)"
java benchmarks/GenerateRepository.java examples/tiny-llama/target/openaccess.json \
  examples/tiny-llama/target/tiny-llama-1.0.0.jar dev.openaccess.examples:tiny-llama:1.0.0 "$work/repo" "$group" "$count"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/body"
cat > "$work/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo 'user root;' )
worker_processes 2;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $work/body;
  server { listen 127.0.0.1:$port; root $work/repo; }
}
CONF
"$nginx" -c "$work/nginx.conf" -p "$work"

mkdir -p "$work/consumer"
{
  echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
  echo '<groupId>dev.openaccess.bench</groupId><artifactId>consumer</artifactId><version>1.0</version>'
  echo "<repositories><repository><id>bench</id><url>http://127.0.0.1:$port</url></repository></repositories>"
  echo '<dependencies>'
  for i in $(seq 1 "$count"); do
    echo "<dependency><groupId>$group</groupId><artifactId>model-$i</artifactId><version>1.0</version></dependency>"
  done
  echo '</dependencies></project>'
} > "$work/consumer/pom.xml"

goal="dev.openaccess:openaccess-maven-plugin:0.1.0-SNAPSHOT:check -Dopenaccess.requireProfile=laptop-16gb"
echo "cold (descriptors over HTTP):"
./mvnw -B -f "$work/consumer/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:resolve $goal 2>&1 | grep -E "dependencies checked|BUILD|ERROR" || true
echo "warm (offline, from the local repository):"
./mvnw -B -o -f "$work/consumer/pom.xml" $goal 2>&1 | grep -E "dependencies checked|BUILD|ERROR" || true
