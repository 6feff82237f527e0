#!/usr/bin/env bash
# Describes sparse safetensors files of 1 GB to 1 TB header-only, with the heap capped at 32 MiB, and prints the time,
# the allocation and the heap peak per describe for each size: they do not grow with the file.
# Usage (from the repository root, after ./mvnw -q install -DskipTests -Dinvoker.skip): benchmarks/sparse-read.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl openaccess-core org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/benchmark.classpath
java -Xmx32m -cp "openaccess-core/target/classes:$(cat openaccess-core/target/benchmark.classpath)" benchmarks/SparseRead.java
