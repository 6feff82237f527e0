#!/usr/bin/env bash
# What openaccess's describe goal adds to a build, offline, on two projects:
#   tiny       - examples/tiny-llama: a jar holding a 124k-parameter model, nothing else
#   realistic  - the same model beside 40 classes, 3 test classes (JUnit 5) and 4 dependencies
# each in two copies: "without" (the plugin removed from the pom) and "with" (describe bound, as in the example).
# Two kinds of build, alternating, [runs] runs each:
#   cold       - `clean package`: everything built, the descriptor and the ML-BOM written (digests remembered between
#                builds, as on a developer's machine)
#   unchanged  - `package` again with nothing changed: describe's up-to-date check keeps its outputs
# Prints the median wall time and the median CPU time (user + sys of the Maven JVM) of each, what the plugin adds,
# and the ratio.
#
#   benchmarks/plugin-overhead.sh [runs]        (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
./mvnw -q -B install -DskipTests -Dinvoker.skip

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the realistic project: the example's pom and model, plus classes, tests and dependencies
realistic="$work/realistic-with"
cp -r examples/tiny-llama "$realistic"
perl -0pi -e 's{<packaging>jar</packaging>}{<packaging>jar</packaging>
  <dependencies>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>2.21.3</version></dependency>
    <dependency><groupId>com.google.protobuf</groupId><artifactId>protobuf-java</artifactId><version>4.31.1</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.17</version></dependency>
    <dependency><groupId>org.apache.commons</groupId><artifactId>commons-collections4</artifactId><version>4.5.0</version></dependency>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>5.14.1</version><scope>test</scope></dependency>
  </dependencies>}s' "$realistic/pom.xml"
perl -0pi -e 's{<project.build.sourceEncoding>}{<maven.compiler.release>17</maven.compiler.release>\n    <project.build.sourceEncoding>}s' "$realistic/pom.xml"
mkdir -p "$realistic/src/main/java/org/example/app" "$realistic/src/test/java/org/example/app"
for i in $(seq 1 40); do
  cat > "$realistic/src/main/java/org/example/app/Service$i.java" <<JAVA
package org.example.app;

import java.util.ArrayList;
import java.util.List;

/** A class of the application, ${i} of 40. */
public final class Service$i {
    private final List<String> names = new ArrayList<>();

    public Service$i add(String name) {
        names.add(name.trim());
        return this;
    }

    public int total() {
        int sum = 0;
        for (String name : names) {
            sum += name.length() * $i;
        }
        return sum;
    }
}
JAVA
done
for i in 1 2 3; do
  cat > "$realistic/src/test/java/org/example/app/Service${i}Test.java" <<JAVA
package org.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Service${i}Test {
    @Test
    void totals() {
        assertEquals(3 * $i, new Service$i().add(" abc ").total());
    }
}
JAVA
done
cp -r examples/tiny-llama "$work/tiny-with"
for project in tiny realistic; do
  cp -r "$work/$project-with" "$work/$project-without"
  # the <plugins> block of <build> that declares openaccess, and nothing else, goes
  perl -0pi -e 's{\s*<plugins>\s*<plugin>\s*<groupId>dev\.openaccess</groupId>.*?</plugins>}{}s' \
    "$work/$project-without/pom.xml"
  if grep -q openaccess-maven-plugin "$work/$project-without/pom.xml"; then
    echo "could not remove the plugin from the copied pom" >&2
    exit 1
  fi
done

mvn_timed() { # prints "wall_ms cpu_ms" of one offline build
  local TIMEFORMAT='%R %U %S' times
  times=$( { time ./mvnw -q -B -o "$@" > /dev/null; } 2>&1 | tail -1)
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<< "$times"
}
for project in tiny realistic; do
  for form in without with; do # download nothing later, remember the digests
    ./mvnw -q -B -f "$work/$project-$form" clean package > /dev/null
  done
done

declare -A wall cpu
cases=(tiny-cold tiny-unchanged realistic-cold realistic-unchanged)
for run in $(seq 1 "$runs"); do
  for case in "${cases[@]}"; do
    project=${case%-*}; kind=${case#*-}
    goals=$([ "$kind" = cold ] && echo "clean package" || echo "package")
    for form in without with; do
      # shellcheck disable=SC2086
      read -r w c < <(mvn_timed -f "$work/$project-$form" $goals)
      wall[$case-$form]+="$w "; cpu[$case-$form]+="$c "
    done
  done
done
median() { tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for case in "${cases[@]}"; do
  bw=$(median "${wall[$case-without]}"); bc_=$(median "${cpu[$case-without]}")
  w=$(median "${wall[$case-with]}"); c=$(median "${cpu[$case-with]}")
  printf '%-20s without %5d ms wall %5d ms cpu | with %5d ms wall (%+5d ms, x%.3f) %5d ms cpu (%+5d ms)\n' \
    "$case" "$bw" "$bc_" "$w" $(( w - bw )) "$(echo "scale=3; $w / $bw" | bc)" "$c" $(( c - bc_ ))
done
