#!/usr/bin/env bash
# JMH benchmarks of the readers on representative headers (a 7B-sized safetensors header, a GGUF with a 128k-token
# vocabulary, an ONNX graph with 1,000 initializers): time and allocation per file.
#
#   benchmarks/readers-jmh.sh [JMH options]        (default: -prof gc; about 1 minute)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B install -DskipTests -Dinvoker.skip
harness=benchmarks/jmh
./mvnw -q -B -f "$harness/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -cp "$harness/target/classes:$(cat "$harness/target/classpath.txt")" org.openjdk.jmh.Main "${@:--prof gc}"
