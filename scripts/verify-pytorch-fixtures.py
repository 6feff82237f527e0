#!/usr/bin/env python3
"""Checks the PyTorch checkpoints PytorchReaderTest writes against Python's own unpickler, independently of
openaccess's reader: no torch is needed, and nothing in the files is imported or called.

    ./mvnw -B -q -pl openaccess-core test -Dtest=PytorchReaderTest -Dopenaccess.fixtures=/tmp/fixtures
    scripts/verify-pytorch-fixtures.py /tmp/fixtures

Each pickle is loaded by pickle.Unpickler with find_class answering stubs (torch._utils._rebuild_tensor_v2 records
its arguments; any other name is a harmless placeholder) and persistent_load answering storage records. The zip
layout is checked with zipfile (every record stored, its data 64-byte aligned, each storage entry of the size its
persistent id declares); the legacy layout by walking the pickles with pickletools and the storages by their counts.
Prints, per file, the elements per dtype (each distinct view of a storage once, never more than the storage holds),
the storages' bytes and the tensors.
"""
import io
import pickle
import pickletools
import struct
import sys
import zipfile
from pathlib import Path

SIZES = {"DoubleStorage": ("F64", 8), "FloatStorage": ("F32", 4), "HalfStorage": ("F16", 2),
         "BFloat16Storage": ("BF16", 2), "LongStorage": ("I64", 8), "IntStorage": ("I32", 4),
         "ByteStorage": ("U8", 1)}


class Storage:
    def __init__(self, folder, cls, key, numel):
        self.folder, self.cls, self.key, self.numel = folder, cls, key, numel


class Placeholder:
    def __init__(self, *args, **kwargs):
        pass

    def __setstate__(self, state):
        pass


class StateDict(dict):
    """OrderedDict's stand-in: BUILD sets its _metadata attribute, as on torch's state dicts."""


class Loader(pickle.Unpickler):
    def __init__(self, data, folder, tensors, storages):
        super().__init__(io.BytesIO(data))
        self.folder, self.tensors, self.storages = folder, tensors, storages

    def find_class(self, module, name):
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            def rebuild(storage, offset, size, stride, *rest):
                self.tensors.append((storage, offset, tuple(size), tuple(stride)))
                return ("tensor", len(self.tensors))
            return rebuild
        if (module, name) == ("torch._utils", "_rebuild_parameter"):
            return lambda data, requires_grad, hooks: data
        if (module, name) == ("collections", "OrderedDict"):
            return StateDict
        if module == "torch" and name.endswith("Storage"):
            return name
        return type(name, (Placeholder,), {})

    def persistent_load(self, pid):
        kind, cls, key, location, numel = pid[:5]
        assert kind == "storage", pid
        storage = self.storages.setdefault(self.folder + key, Storage(self.folder, cls, key, numel))
        assert (storage.cls, storage.numel) == (cls, numel), pid
        return storage


def count(tensors, storages):
    elements, nbytes, views = {}, 0, {}
    for storage, offset, size, stride in tensors:
        views.setdefault(storage.folder + storage.key, set()).add((offset, size, stride))
    for ident, storage in sorted(storages.items()):
        dtype, width = SIZES[storage.cls]
        numel = 0
        for offset, size, stride in views.get(ident, ()):
            n = 1
            for d in size:
                n *= d
            numel += n
        elements[dtype] = elements.get(dtype, 0) + min(numel, storage.numel)
        nbytes += storage.numel * width
    return elements, nbytes, len(tensors)


def zip_file(path):
    tensors, storages = [], {}
    with zipfile.ZipFile(path) as z:
        names = {info.filename: info for info in z.infolist()}
        data_pkl = next(n for n in names if n.endswith("/data.pkl"))
        prefix = data_pkl[: -len("data.pkl")]
        raw = open(path, "rb").read()
        for info in z.infolist():
            assert info.compress_type == zipfile.ZIP_STORED, info.filename
            name_length, extra_length = struct.unpack("<HH", raw[info.header_offset + 26: info.header_offset + 30])
            assert (info.header_offset + 30 + name_length + extra_length) % 64 == 0, info.filename
        for pkl, folder in (("data.pkl", "data/"), ("constants.pkl", "constants/")):
            if prefix + pkl in names:
                Loader(z.read(prefix + pkl), folder, tensors, storages).load()
        for storage in storages.values():
            entry = names[prefix + storage.folder + storage.key]
            assert entry.file_size == storage.numel * SIZES[storage.cls][1], entry.filename
    return count(tensors, storages)


def legacy_file(path):
    data = open(path, "rb").read()
    stream = io.BytesIO(data)
    assert pickle.load(stream) == 0x1950a86a20f9469cfc6c
    assert pickle.load(stream) == 1001
    assert pickle.load(stream)["little_endian"] is True
    tensors, storages = [], {}
    start = stream.tell()
    pickletools.dis(stream, out=io.StringIO())  # the object pickle is well formed, opcode by opcode
    Loader(data[start: stream.tell()], "", tensors, storages).load()
    keys = pickle.load(stream)
    for key in keys:
        (numel,) = struct.unpack("<q", stream.read(8))
        assert numel == storages[key].numel
        stream.seek(numel * SIZES[storages[key].cls][1], io.SEEK_CUR)
    assert stream.tell() == len(data), "the storages account for the file"
    return count(tensors, storages)


for file in sorted(Path(sys.argv[1]).iterdir()):
    elements, nbytes, tensors = (zip_file if zipfile.is_zipfile(file) else legacy_file)(file)
    print("%-16s %s total %d, %d bytes, %d tensors" % (file.name, dict(sorted(elements.items())),
                                                        sum(elements.values()), nbytes, tensors))
