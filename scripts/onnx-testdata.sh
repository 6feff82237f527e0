#!/usr/bin/env bash
# Describes every model of Debian's libonnx-testdata (about 1,000 tiny real ONNX models) with openaccess's reader,
# and counts each model's weights a second, independent way with the onnx Python package (Debian's python3-onnx),
# then compares the two. Nothing is committed: the data is fetched into a temporary folder.
#
#   scripts/onnx-testdata.sh            # needs apt-get (root) for libonnx-testdata and python3-onnx
set -euo pipefail
cd "$(dirname "$0")/.."
work=${ONNX_TESTDATA_WORK:-/tmp/openaccess-onnx-testdata}
mkdir -p "$work"
if [ ! -d "$work/x/usr/share/libonnx-testdata/data" ]; then
  (cd "$work" && apt-get download libonnx-testdata && dpkg -x libonnx-testdata_*.deb x)
fi
data="$work/x/usr/share/libonnx-testdata/data"
command -v /usr/bin/python3 >/dev/null && /usr/bin/python3 -c 'import onnx' 2>/dev/null || apt-get install -y -qq python3-onnx

# 1. openaccess: every model read with no error (the opt-in test), its counts written to a TSV
ONNX_TESTDATA="$data" ./mvnw -B -q -pl openaccess-core test -Dtest=OnnxTestdataTest -Dsurefire.failIfNoSpecifiedTests=false
ours="${TMPDIR:-/tmp}/openaccess-onnx-testdata-counts.tsv"

# 2. onnx: initializers, sparse initializers, every kind of Constant value, in subgraphs and local functions
/usr/bin/python3 - "$data" "$ours" <<'PY'
import math, os, sys
import onnx
from onnx import AttributeProto as A

ML = "ai.onnx.ml"

def size(t):
    return math.prod(t.dims)

def graph(g):
    n = sum(size(t) for t in g.initializer)
    n += sum(size(s.values) for s in g.sparse_initializer)
    return n + nodes(g.node)

def nodes(ns):
    n = 0
    for node in ns:
        constant = node.op_type == "Constant" and node.domain in ("", "ai.onnx")
        for a in node.attribute:
            if a.type == A.GRAPH:
                n += graph(a.g)
            elif a.type == A.GRAPHS:
                n += sum(graph(g) for g in a.graphs)
            elif a.type in (A.SPARSE_TENSOR,):
                n += size(a.sparse_tensor.values)
            elif a.type in (A.SPARSE_TENSORS,):
                n += sum(size(s.values) for s in a.sparse_tensors)
            elif constant or node.domain == ML:
                if a.type == A.TENSOR:
                    n += size(a.t)
                elif a.type == A.TENSORS:
                    n += sum(size(t) for t in a.tensors)
                elif a.type == A.FLOATS:
                    n += len(a.floats)
                elif a.type == A.INTS:
                    n += len(a.ints)
                elif a.type == A.STRINGS:
                    n += len(a.strings)
                elif constant and a.type in (A.FLOAT, A.INT, A.STRING):
                    n += 1
    return n

data, ours = sys.argv[1], sys.argv[2]
theirs = {}
for root, _, files in os.walk(data):
    for f in files:
        if f.endswith(".onnx"):
            path = os.path.join(root, f)
            m = onnx.load(path, load_external_data=False)
            n = graph(m.graph) + sum(nodes(fn.node) for fn in m.functions)
            theirs[os.path.relpath(path, data)] = n
mine = dict(line.rstrip("\n").split("\t") for line in open(ours))
differ = sorted(k for k in theirs if int(mine.get(k, -1)) != theirs[k])
print(f"{len(theirs)} models; onnx and openaccess agree on {len(theirs) - len(differ)}")
for k in differ:
    print(f"  {k}: onnx {theirs[k]}, openaccess {mine.get(k)}")
sys.exit(1 if differ else 0)
PY
