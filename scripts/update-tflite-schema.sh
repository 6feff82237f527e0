#!/usr/bin/env bash
# Regenerates openaccess-core's TensorFlow Lite FlatBuffers classes (package dev.openaccess.core.format.tflite) from
# TensorFlow's own schema, tensorflow/compiler/mlir/lite/schema/schema.fbs, with flatc --java.
#
#   scripts/update-tflite-schema.sh                 # fetches the pinned schema with git
#   scripts/update-tflite-schema.sh path/to/schema.fbs
#
# The schema is pinned to its copy in tensorflow/tflite-micro, which syncs it from tensorflow/tensorflow and is small
# enough to fetch on its own: commit e142972d4f4382f77faa8212b7c70b37d28b9cb9 ("Manual sync from
# github.com/tensorflow/tensorflow (#3616)", 2026-07-01), the last change to the file there; schema version 3d
# (TensorType up to FLOAT8_E5M2 = 22, Buffer.offset/size for models over 2 GB, external buffers). TensorFlow's own
# copy at tensorflow/tensorflow 0373b8f3cb4d5033ac26e388f1e10a5126654200 is version 3c, a subset of it (FlatBuffers
# schemas only ever add fields at the end, so the newer classes read older files).
#
# flatc must be the version of the flatbuffers-java runtime in the parent pom (the generated classes call
# Constants.FLATBUFFERS_<version>()): 23.5.26, Debian 13's flatbuffers-compiler (apt-get install flatbuffers-compiler).
# Debian 12's 2.0.8 cannot parse this schema (attributes on enum values).
#
# The schema itself is not committed (Apache-2.0, The TensorFlow Authors); the generated classes name it in
# package-info.java, which this script keeps.
set -euo pipefail
cd "$(dirname "$0")/.."

REPO=https://github.com/tensorflow/tflite-micro
COMMIT=e142972d4f4382f77faa8212b7c70b37d28b9cb9
SCHEMA_PATH=tensorflow/compiler/mlir/lite/schema/schema.fbs
SCHEMA_SHA256=3741d5b8e81686333055a0008d24527c879b2bb695e8763f3d203f3ff5914709
FLATC_VERSION=23.5.26
PACKAGE=dev.openaccess.core.format.tflite
TARGET=openaccess-core/src/main/java/${PACKAGE//.//}

FLATC=${FLATC:-flatc}
version=$("$FLATC" --version | awk '{print $NF}')
if [ "$version" != "$FLATC_VERSION" ]; then
  echo "flatc $version found; the flatbuffers-java runtime is $FLATC_VERSION: use flatc $FLATC_VERSION (FLATC=...)" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ $# -ge 1 ]; then
  cp "$1" "$work/schema.fbs"
else
  git -C "$work" init -q repo
  git -C "$work/repo" fetch -q --depth 1 "$REPO" "$COMMIT"
  git -C "$work/repo" show "FETCH_HEAD:$SCHEMA_PATH" > "$work/schema.fbs"
fi
grep -q '^file_identifier "TFL3";' "$work/schema.fbs" || { echo "not TensorFlow Lite's schema.fbs" >&2; exit 1; }
sha=$(sha256sum "$work/schema.fbs" | cut -d' ' -f1)
if [ "$sha" != "$SCHEMA_SHA256" ] && [ -z "${NEW_SCHEMA:-}" ]; then
  echo "the schema's sha256 is $sha, not the pinned $SCHEMA_SHA256: to move to another version, set COMMIT and" \
    "SCHEMA_SHA256 above (or run once with NEW_SCHEMA=1) and say so in package-info.java" >&2
  exit 1
fi

# The classes go in openaccess's package rather than the schema's namespace 'tflite'.
sed "s/^namespace tflite;/namespace $PACKAGE;/" "$work/schema.fbs" > "$work/schema-openaccess.fbs"
"$FLATC" --java -o "$work/out" "$work/schema-openaccess.fbs"

find "$TARGET" -name '*.java' ! -name package-info.java -delete 2>/dev/null || true
mkdir -p "$TARGET"
cp "$work/out/${PACKAGE//.//}"/*.java "$TARGET/"
echo "$TARGET: $(find "$TARGET" -name '*.java' ! -name package-info.java | wc -l) classes from $SCHEMA_PATH" \
  "(sha256 $sha), flatc $version"
