#!/usr/bin/env bash
# Reads real TensorFlow Lite and TensorFlow.js models from npm with openaccess's readers (the opt-in NpmModelsTest),
# and counts each a second, independent way in Python (standard library only: scripts/tflite-count.py walks the
# FlatBuffer from the format's docs and schema.fbs; the TensorFlow.js manifests are summed with json), then compares
# the two. Nothing is committed: the packages are fetched into a temporary folder.
#
#   scripts/npm-models.sh            # needs npm (or curl) and python3
#
# Packages (../shared/FORMATS.md): @mediapipe/selfie_segmentation (two .tflite models),
# @vladmandic/face-api (seven TensorFlow.js weights manifests with their .bin shards, uint8-quantized).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${NPM_MODELS_WORK:-/tmp/openaccess-npm-models}
mkdir -p "$work"
fetch() { # package version folder
  if [ ! -d "$work/$3/package" ]; then
    mkdir -p "$work/$3"
    (cd "$work" && npm pack --silent "$1@$2" >/dev/null)
    tar xzf "$work"/$(echo "$1" | sed 's/^@//; s#/#-#')-"$2".tgz -C "$work/$3"
  fi
}
fetch @mediapipe/selfie_segmentation 0.1.1675465747 ms
fetch @vladmandic/face-api 1.7.15 fa

# 1. openaccess: every model read with no error and its pinned counts (the opt-in test), its counts written to TSVs
NPM_MODELS="$work" ./mvnw -B -q -pl openaccess-core test -Dtest=NpmModelsTest -Dsurefire.failIfNoSpecifiedTests=false
tmp=${TMPDIR:-/tmp}

# 2. the independent counts, in the same columns
theirs="$tmp/openaccess-npm-models-independent.tsv"
(cd "$work/ms/package" && python3 "$OLDPWD/scripts/tflite-count.py" selfie_segmentation.tflite \
    selfie_segmentation_landscape.tflite) > "$theirs"
(cd "$work/fa/package/model" && python3 - <<'PY') >> "$theirs"
import glob, json, math, os
# tfjs-core io/types.ts: bytes per element of each stored dtype (a quantized weight is stored as its quantization dtype)
SIZES = {"float32": 4, "int32": 4, "bool": 1, "complex64": 8, "uint8": 1, "uint16": 2, "float16": 2}
NAMES = {"float32": "F32", "int32": "I32", "bool": "BOOL", "complex64": "C64", "uint8": "U8", "uint16": "U16",
         "float16": "F16"}
for f in sorted(glob.glob("*weights_manifest.json")):
    total, nbytes, n, by = 0, 0, 0, {}
    for group in json.load(open(f)):
        group_bytes = 0
        for w in group["weights"]:
            d = w.get("quantization", {}).get("dtype", w["dtype"])
            e = math.prod(w["shape"])
            total += e; n += 1; group_bytes += e * SIZES[d]; by[NAMES[d]] = by.get(NAMES[d], 0) + e
        assert group_bytes == sum(os.path.getsize(p) for p in group["paths"]), f  # the shards hold exactly that
        nbytes += group_bytes
    print("\t".join([f, str(total), str(nbytes), str(n), ",".join("%s=%d" % kv for kv in sorted(by.items()))]))
PY

# 3. compare
ours="$tmp/openaccess-npm-models-ours.tsv"
cat "$tmp/openaccess-npm-models-tflite.tsv" "$tmp/openaccess-npm-models-tfjs.tsv" | sort > "$ours"
if diff <(sort "$theirs") "$ours"; then
  echo "npm models: $(wc -l < "$ours") models, openaccess and the independent count agree"
else
  echo "npm models: the counts differ (< independent, > openaccess)" >&2
  exit 1
fi
