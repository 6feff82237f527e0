#!/usr/bin/env python3
"""Writes the small Keras fixtures KerasReaderTest reads, with h5py (Debian: apt-get install python3-h5py), laid out
as Keras writes them, and expected.json: each fixture's element counts per dtype and bytes, computed here by numpy
from the arrays written, so the Java reader (jhdf) is checked against libhdf5's own writer.

  Keras 2, model.save("m.h5") (keras/src/legacy/saving/legacy_h5_format.py): root attributes keras_version,
  backend, model_config (the model's JSON); group model_weights (attribute layer_names) of one group per layer
  (attribute weight_names) holding datasets "<layer>/<weight>:0"; group optimizer_weights beside it.
  Keras 2, model.save_weights("w.h5"): the layer groups at the root.
  Keras 3, model.save("m.keras") (keras/src/saving/saving_lib.py): a zip of metadata.json, config.json and
  model.weights.h5, whose datasets lie at layers/<name>/vars/<i>, the optimizer's at optimizer/vars/<i>.

Run from the repository root: python3 scripts/keras-fixtures.py
"""
import io
import json
import os
import zipfile

import h5py
import numpy as np

OUT = "openaccess-core/src/test/resources/dev/openaccess/core/format/keras"
DTYPES = {"float16": "F16", "float32": "F32", "float64": "F64", "int8": "I8", "int32": "I32", "int64": "I64",
          "uint8": "U8"}
expected = {}


def count(name, arrays):
    by_dtype = {}
    for array in arrays:
        key = DTYPES[str(array.dtype)]
        by_dtype[key] = by_dtype.get(key, 0) + int(array.size)
    expected[name] = {"byDtype": by_dtype, "bytes": int(sum(a.nbytes for a in arrays)), "tensors": len(arrays)}


def dense(units_in, units_out, dtype="float32"):
    rng = np.random.default_rng(units_in * 31 + units_out)
    return [rng.standard_normal((units_in, units_out)).astype(dtype), np.zeros((units_out,), dtype=dtype)]


def layer_config(class_name, name, **config):
    return {"class_name": class_name, "config": dict(name=name, **config)}


def keras2(path, config, layers, optimizer=None, full=True):
    with h5py.File(path, "w", libver="earliest") as f:
        root = f
        if full:
            f.attrs["keras_version"] = "2.15.0"
            f.attrs["backend"] = "tensorflow"
            f.attrs["model_config"] = json.dumps(config)
            root = f.create_group("model_weights")
        root.attrs["layer_names"] = np.array([name.encode() for name, _ in layers])
        for name, weights in layers:
            group = root.create_group(name)
            names = [f"{name}/{w}:0" for w in (["kernel", "bias"] if len(weights) == 2 else ["embeddings"])]
            group.attrs["weight_names"] = np.array([n.encode() for n in names])
            for weight_name, array in zip(names, weights):
                group.create_dataset(weight_name, data=array)
        if optimizer is not None:
            opt = f.create_group("optimizer_weights")
            for i, array in enumerate(optimizer):
                opt.create_dataset(f"Adam/m/{i}:0", data=array)


# A Keras 2 Sequential: Dense 8->16 (F32), Dense 16->4 (F32), an Embedding 100x8 (F16); Adam state beside it.
d1, d2 = dense(8, 16), dense(16, 4)
emb = [np.ones((100, 8), dtype="float16")]
sequential = {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
    layer_config("Embedding", "embedding", input_dim=100, output_dim=8),
    layer_config("Dense", "dense", units=16), layer_config("Dense", "dense_1", units=4)]}}
keras2(f"{OUT}/sequential.h5", sequential, [("embedding", emb), ("dense", d1), ("dense_1", d2)],
       optimizer=[np.zeros((8, 16), dtype="float32"), np.zeros((), dtype="int64")])
count("sequential.h5", emb + d1 + d2)

# The same weights, save_weights: no config, layers at the root.
keras2(f"{OUT}/weights-only.h5", None, [("embedding", emb), ("dense", d1), ("dense_1", d2)], full=False)
count("weights-only.h5", emb + d1 + d2)

# A Keras 2 functional model with a Lambda layer: its function is marshalled Python bytecode in the config.
lam = {"class_name": "Functional", "config": {"name": "model", "layers": [
    layer_config("InputLayer", "input_1", batch_input_shape=[None, 8]),
    layer_config("Lambda", "lambda", function=["4wEAAAAAAAAAAAAAAAEAAAADAAAAQwAAAHMIAAAAfABkARQAUwApAk7p"
                                                "AgAAAKkAKQHaAXhyAgAAAHICAAAA+h5<stdin>", None, None],
                 function_type="lambda", module="__main__"),
    layer_config("Dense", "dense", units=16)]}}
keras2(f"{OUT}/lambda.h5", lam, [("dense", d1)])
count("lambda.h5", d1)


def keras3(path, config, layers, optimizer):
    weights = io.BytesIO()
    with h5py.File(weights, "w") as f:
        for name, arrays in layers:
            vars_group = f.create_group(f"layers/{name}/vars")
            for i, array in enumerate(arrays):
                vars_group.create_dataset(str(i), data=array)
        opt = f.create_group("optimizer/vars")
        for i, array in enumerate(optimizer):
            opt.create_dataset(str(i), data=array)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "3.15.1", "date_saved": "2026-11-30@12:00:00"}))
        z.writestr("config.json", json.dumps(config))
        z.writestr("model.weights.h5", weights.getvalue())


# Keras 3: Dense 8->16 F32, Dense 16->4 F64, an I32 lookup table of 10; Adam's iteration counter and a slot.
d3 = dense(16, 4, "float64")
table = [np.arange(10, dtype="int32")]
k3 = {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": [
    {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 16}},
    {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense_1", "units": 4}}]}}
keras3(f"{OUT}/sequential.keras", k3, [("dense", d1), ("dense_1", d3), ("string_lookup", table)],
       [np.zeros((), dtype="int64"), np.zeros((8, 16), dtype="float32")])
count("sequential.keras", d1 + d3 + table)

# Keras 3 with a Lambda: {"class_name": "__lambda__", "config": {"code": ...}} inside the layer's config.
k3_lambda = {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": [
    {"module": "keras.layers", "class_name": "Lambda", "config": {"name": "double", "function": {
        "class_name": "__lambda__", "config": {"code": "4wEAAAAAAAAAAAAAAAEAAAADAAAAQwAAAHMIAAAAfABkARQAUwAp",
                                               "defaults": None, "closure": None}}}},
    {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 16}}]}}
keras3(f"{OUT}/lambda.keras", k3_lambda, [("dense", d1)], [])
count("lambda.keras", d1)

# Hostile files, for KerasReaderTest and the fuzzing corpus (ReaderFuzzTestInputs/keras): a shape whose product
# passes 2^63 (chunked, so nothing is allocated), a group holding itself, an external and a soft link, groups
# nested past the reader's limit of 32.
CORPUS = "openaccess-core/src/test/resources/dev/openaccess/core/fuzz/ReaderFuzzTestInputs/keras"
os.makedirs(CORPUS, exist_ok=True)
with h5py.File(f"{CORPUS}/shape-overflow.h5", "w", libver="earliest") as f:
    f.create_dataset("w", shape=(2**31 - 1, 2**31 - 1, 4), dtype="float32", chunks=(1, 1, 1))
with h5py.File(f"{CORPUS}/group-cycle.h5", "w", libver="earliest") as f:
    f.create_group("a").create_dataset("w", data=np.zeros((3,), dtype="float32"))
    f["a/loop"] = f["a"]
with h5py.File(f"{CORPUS}/links.h5", "w", libver="earliest") as f:
    f.create_dataset("w", data=np.zeros((2, 2), dtype="float32"))
    f["outside"] = h5py.ExternalLink("/etc/passwd", "/")
    f["soft"] = h5py.SoftLink("/w")
with h5py.File(f"{CORPUS}/deep-groups.h5", "w", libver="earliest") as f:
    f.create_group("/".join(["g"] * 40))

with open(f"{OUT}/expected.json", "w") as f:
    json.dump(expected, f, indent=2, sort_keys=True)
    f.write("\n")
for folder in (OUT, CORPUS):
    for name in sorted(os.listdir(folder)):
        print(folder, name, os.path.getsize(f"{folder}/{name}"))
