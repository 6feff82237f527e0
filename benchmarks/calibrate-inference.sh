#!/usr/bin/env bash
# Calibrates openaccess's inference-memory estimate against a real run: ONNX Runtime (CPU) loading the MiniLM-L6
# models that langchain4j publishes on Maven Central (fp32 and int8) and running batches of 1-32 sequences of
# 64-512 tokens, each measurement in a fresh JVM (peak resident memory growth, median of 3). Prints measured vs
# estimated and fails when an estimate is more than 25% off. Needs Linux (/proc/self/status, /proc/self/clear_refs).
#
#   benchmarks/calibrate-inference.sh [repetitions]        (about 10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! [ -w /proc/self/clear_refs ]; then
  echo "calibrate-inference: /proc/self/clear_refs is not writable: peak memory cannot be reset here" >&2
  exit 2
fi
./mvnw -q -B install -DskipTests -Dinvoker.skip
harness=benchmarks/inference-calibration
./mvnw -q -B -f "$harness/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -cp "$harness/target/classes:$(cat "$harness/target/classpath.txt")" \
  dev.openaccess.benchmarks.calibration.Calibrate "$harness/target/calibration" "${1:-3}"
