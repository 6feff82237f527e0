#!/usr/bin/env bash
# Measures the check goal on projects with many dependencies served by a real HTTP repository (nginx on loopback):
#
# 1. published: [count] (200) model artifacts, each a copy of the tiny Llama example with its descriptor (the same
#    jar bytes, so the consumer reads the model once and remembers it for the rest); the consumer build runs cold
#    (every descriptor fetched over HTTP, fresh coordinates) and warm (offline, from the local repository).
# 2. unpublished, as the world is today: [count]/2 model jars (the tiny Llama example's jar, each copy with bytes of
#    its own) and [count]/2 plain jars, none with a descriptor. Per round, fresh coordinates and caches: the check
#    goal cold (descriptors asked for over HTTP and not found, every model jar hashed and read), the goal warm (the
#    same build again: "not found" cached by Maven, readings by openaccess), and the baseline: the time one fresh JVM
#    takes to read the same files' headers with the same readers and nothing else (benchmarks/ReadHeaders.java).
#    [rounds] (3) rounds, alternating; medians printed.
#
# The consumers' pom makes the loopback server their "central", so every descriptor is asked of it alone. The times
# are those the goal reports for resolving and judging ("checked in N ms"), with its split: the files read and the
# repositories asked side by side.
#
#   benchmarks/check-dependencies.sh [count] [rounds]          (needs nginx: apt-get install nginx-light)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-200}"
rounds="${2:-3}"
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
  echo "<repositories><repository><id>central</id><url>http://127.0.0.1:$port</url></repository></repositories>"
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

echo
echo "unpublished: $((count / 2)) model jars and $((count / 2)) plain jars without descriptors, $rounds rounds"
cp=$(./mvnw -q -B -pl openaccess-core dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)
cp="openaccess-core/target/classes:$cp"
cold=(); warm=(); headers=()
for round in $(seq 1 "$rounds"); do
  group2="dev.openaccess.bench.unpublished$(date +%s%N)"
  java benchmarks/GenerateUnpublished.java examples/tiny-llama/target/tiny-llama-1.0.0.jar "$work/repo" "$group2" \
    $((count / 2)) $((count / 2)) 50
  consumer="$work/consumer-$round"
  mkdir -p "$consumer"
  {
    echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
    echo '<groupId>dev.openaccess.bench</groupId><artifactId>consumer</artifactId><version>1.0</version>'
    # central too is the loopback server here, so every descriptor is asked of it alone
    echo "<repositories><repository><id>central</id><url>http://127.0.0.1:$port</url></repository></repositories>"
    echo '<dependencies>'
    for i in $(seq 1 $((count / 2))); do
      echo "<dependency><groupId>$group2</groupId><artifactId>model-$i</artifactId><version>1.0</version></dependency>"
      echo "<dependency><groupId>$group2</groupId><artifactId>library-$i</artifactId><version>1.0</version></dependency>"
    done
    echo '</dependencies></project>'
  } > "$consumer/pom.xml"
  caches="-Dopenaccess.dependencyCache=$work/cache-$round -Dopenaccess.digestCache=$work/digests-$round.json"
  ./mvnw -q -B -f "$consumer/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:resolve >/dev/null
  ms() { grep -oE 'dependencies checked in [0-9]+ ms' | grep -oE '[0-9]+ ms' | grep -oE '[0-9]+'; }
  c=$(./mvnw -B -f "$consumer/pom.xml" $goal $caches 2>&1 | tee "$work/cold-$round.log" | ms)
  w=$(./mvnw -B -f "$consumer/pom.xml" $goal $caches 2>&1 | tee "$work/warm-$round.log" | ms)
  h=$(java -cp "$cp" benchmarks/ReadHeaders.java $(find "$HOME/.m2/repository/${group2//.//}" -name '*.jar' | sort) \
    | grep -oE '[0-9]+ ms' | grep -oE '[0-9]+')
  grep -E "hold no model|dependencies checked" "$work/cold-$round.log" | sed 's/^/  cold: /'
  grep -E "dependencies checked" "$work/warm-$round.log" | sed 's/^/  warm: /'
  echo "  headers: $h ms"
  cold+=("$c"); warm+=("$w"); headers+=("$h")
  rm -rf "$HOME/.m2/repository/${group2//.//}"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mc=$(median "${cold[@]}"); mw=$(median "${warm[@]}"); mh=$(median "${headers[@]}")
echo "medians: cold $mc ms, warm $mw ms, reading the headers alone $mh ms (cold / headers = $(awk "BEGIN {printf \"%.2f\", $mc / $mh}"))"
