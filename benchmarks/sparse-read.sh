#!/usr/bin/env bash
# Reads a 100 GB sparse safetensors file header-only, with the heap capped at 32 MiB, and prints the time per read.
# Usage (from the repository root, after ./mvnw -q install -DskipTests -Dinvoker.skip): benchmarks/sparse-read.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl openaccess-core org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/benchmark.classpath
java -Xmx32m -cp "openaccess-core/target/classes:$(cat openaccess-core/target/benchmark.classpath)" benchmarks/SparseRead.java
