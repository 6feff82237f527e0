package dev.openaccess.core.format;

import dev.openaccess.core.format.PickleValue.DictValue;
import dev.openaccess.core.format.PickleValue.Global;
import dev.openaccess.core.format.PickleValue.Instance;
import dev.openaccess.core.format.PickleValue.Int;
import dev.openaccess.core.format.PickleValue.Storage;
import dev.openaccess.core.format.PickleValue.Tensor;
import dev.openaccess.core.format.PickleValue.Text;
import dev.openaccess.core.format.PickleValue.Tuple;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What torch's pickles mean, for the {@link PickleMachine}: storage persistent ids and the tensor-rebuild calls of
 * {@code torch/_utils.py}, read for their shapes, dtypes and storages; every other call opaque. Sources:
 * {@code torch/serialization.py} ({@code _save}, {@code _legacy_save}: the persistent ids), {@code torch/_tensor.py}
 * ({@code _reduce_ex_internal}: which rebuild call each kind of tensor pickles as, with which arguments), and for
 * TorchScript the C++ pickler ({@code torch/csrc/jit/serialization/pickler.cpp}), which writes the same calls.
 *
 * <p>One instance reads the pickles of one model and collects their storages (by folder and key: two persistent ids
 * of one key are one storage, as torch loads them), tensors and imports.
 */
final class TorchPickle implements PickleMachine.Calls {

    /** Far more tensors than any checkpoint holds (a training checkpoint with optimizer state has a few thousand); GGUF's limit too. */
    static final int MAX_TENSORS = 100_000;
    /** Dimensions per tensor: torch's own limit is 64 (c10's {@code kMaxDims} for tensor iterators, numpy's 64). */
    static final int MAX_DIMS = 64;

    private final String path;
    private final PickleImports imports;
    private final Map<String, TorchStorage> storages = new LinkedHashMap<>();
    private final List<TorchTensor> tensors = new ArrayList<>();
    private String folder = "";

    TorchPickle(String path, boolean torchScript) {
        this.path = path;
        this.imports = new PickleImports(path, torchScript);
    }

    /**
     * Runs one pickle whose storages lie under {@code storageFolder} ({@code data/}, {@code constants/}, or empty
     * for a legacy file).
     */
    PickleValue load(LittleEndianInput in, String name, String storageFolder) throws IOException {
        this.folder = storageFolder;
        return new PickleMachine(in, this, name).load();
    }

    Map<String, TorchStorage> storages() {
        return storages;
    }

    List<TorchTensor> tensors() {
        return tensors;
    }

    PickleImports imports() {
        return imports;
    }

    @Override
    public void imported(Global global) throws ModelFormatException {
        imports.add(global);
    }

    @Override
    public PickleValue reduce(PickleValue callable, PickleValue args) throws ModelFormatException {
        if (!(callable instanceof Global global)) {
            return new Instance(callable);
        }
        List<PickleValue> items = args instanceof Tuple tuple ? tuple.items : List.of();
        return switch (global.qualified()) {
            case "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_qtensor"
                    -> tensor(global, items, null);
            case "torch._utils._rebuild_tensor_v3" -> tensor(global, items, dtypeArgument(global, items, 6));
            case "torch._utils._rebuild_meta_tensor_no_storage" -> metaTensor(global, items);
            // a Parameter, or a tensor moved to a device, is the tensor it wraps: counted once, when rebuilt
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state",
                    "torch._utils._rebuild_device_tensor_from_cpu_tensor" ->
                    !items.isEmpty() && items.get(0) instanceof Tensor ? items.get(0) : new Instance(callable);
            // a tensor subclass or a tensor with attributes: (func, type, args, state), func being a rebuild call
            case "torch._tensor._rebuild_from_type_v2" -> items.size() >= 3 && !(items.get(0) instanceof Global g
                    && g.qualified().equals(global.qualified())) ? reduce(items.get(0), items.get(2))
                    : new Instance(callable);
            case "torch.Size" -> !items.isEmpty() && items.get(0) instanceof Tuple shape ? shape : new Instance(callable);
            case "collections.OrderedDict" -> new DictValue();
            default -> new Instance(callable);
        };
    }

    /**
     * {@code ('storage', storage_type, key, location, numel)}, and in legacy files a sixth item, the view record
     * ({@code None} since torch 1.0: views were dropped from the format).
     */
    @Override
    public PickleValue persistentLoad(PickleValue pid) throws ModelFormatException {
        if (!(pid instanceof Tuple tuple) || tuple.items.isEmpty()) {
            throw new ModelFormatException(path, "a persistent id is not a tuple, which torch.load cannot load");
        }
        List<PickleValue> items = tuple.items;
        if (items.get(0) instanceof Text kind && kind.is("module")) {
            return new Instance(items.size() > 1 ? items.get(1) : kind); // a pre-1.6 whole-model save's class source
        }
        if (!(items.get(0) instanceof Text kind) || !kind.is("storage") || items.size() < 5) {
            throw new ModelFormatException(path, "a persistent id is not torch's ('storage', type, key, location,"
                    + " numel)");
        }
        if (!(items.get(1) instanceof Global type) || !(items.get(2) instanceof Text key) || key.text() == null
                || !(items.get(4) instanceof Int numel) || numel.value() < 0) {
            throw new ModelFormatException(path, "a storage's persistent id does not name a storage class, a key and"
                    + " a non-negative element count");
        }
        if (!key.text().matches("[A-Za-z0-9_.-]{1,256}") || key.text().matches("\\.+")) {
            throw new ModelFormatException(path, "a storage key '" + key.text() + "' is not a plain name: storage"
                    + " keys name files of the archive");
        }
        boolean untyped = type.name().equals("UntypedStorage");
        TorchDtype dtype = untyped ? TorchDtype.U8 : storageDtype(type);
        String location = items.get(3) instanceof Text where && where.text() != null ? where.text() : "";
        TorchStorage storage = new TorchStorage(folder, key.text(), dtype, numel.value(), untyped, location);
        TorchStorage known = storages.putIfAbsent(storage.identity(), storage);
        if (known != null && (known.dtype() != dtype || known.numel() != numel.value())) {
            throw new ModelFormatException(path, "storage '" + key.text() + "' is declared twice, as " + known.numel()
                    + " " + known.dtype().id() + " and as " + numel.value() + " " + dtype.id());
        }
        return new Storage(known == null ? storage : known);
    }

    private TorchDtype storageDtype(Global type) throws ModelFormatException {
        boolean torchModule = type.module().equals("torch") || type.module().equals("torch.cuda");
        return TorchDtype.ofStorageClass(type.name()).filter(dtype -> torchModule)
                .orElseThrow(() -> new ModelFormatException(path, "a storage's type " + type.qualified()
                        + " is not one of torch's storage classes"));
    }

    private TorchDtype dtypeArgument(Global call, List<PickleValue> items, int index) throws ModelFormatException {
        if (items.size() <= index || !(items.get(index) instanceof Global dtype) || !dtype.module().equals("torch")) {
            throw new ModelFormatException(path, call.name() + " needs a torch dtype as its argument " + (index + 1));
        }
        return TorchDtype.ofDtypeName(dtype.name()).orElseThrow(() -> new ModelFormatException(path,
                call.name() + " names dtype " + dtype.qualified() + ", which is not one of torch's"));
    }

    /** {@code (storage, storage_offset, size, stride, ...)}: the first four arguments of every rebuild call. */
    private PickleValue tensor(Global call, List<PickleValue> items, TorchDtype declared) throws ModelFormatException {
        if (items.size() < 4 || !(items.get(0) instanceof Storage holder)) {
            throw new ModelFormatException(path, call.name() + " is called without a storage, offset, size and"
                    + " stride");
        }
        TorchStorage storage = holder.storage();
        if (storage.untyped() && declared == null) {
            throw new ModelFormatException(path, call.name() + " views untyped storage '" + storage.key()
                    + "' without a dtype");
        }
        TorchDtype dtype = declared != null ? declared : storage.dtype();
        String what = "tensor " + (tensors.size() + 1) + " (" + call.name() + ")";
        long offset = integer(items.get(1), what + " storage offset");
        long[] shape = dims(items.get(2), what + " size");
        long[] stride = dims(items.get(3), what + " stride");
        if (stride.length != shape.length) {
            throw new ModelFormatException(path, what + " has " + shape.length + " dimensions but " + stride.length
                    + " strides");
        }
        long elements = Checked.elements(path, what, shape);
        checkInside(what, storage, dtype, offset, shape, stride, elements);
        return add(new TorchTensor(storage, dtype, offset, shape, stride, elements));
    }

    /** {@code _rebuild_meta_tensor_no_storage(dtype, size, stride, requires_grad)}: a shape and no data. */
    private PickleValue metaTensor(Global call, List<PickleValue> items) throws ModelFormatException {
        if (items.size() < 3 || !(items.get(0) instanceof Global dtype)) {
            throw new ModelFormatException(path, call.name() + " is called without a dtype, size and stride");
        }
        TorchDtype type = dtypeArgument(call, items, 0);
        String what = "meta tensor " + (tensors.size() + 1);
        long[] shape = dims(items.get(1), what + " size");
        long[] stride = dims(items.get(2), what + " stride");
        return add(new TorchTensor(null, type, 0, shape, stride, Checked.elements(path, what, shape)));
    }

    private PickleValue add(TorchTensor tensor) throws ModelFormatException {
        if (tensors.size() >= MAX_TENSORS) {
            throw new ModelFormatException(path, "its pickles rebuild more than " + MAX_TENSORS + " tensors");
        }
        tensors.add(tensor);
        return new Tensor(tensor);
    }

    /**
     * The view must lie inside its storage, as torch's {@code set_} requires on load: the last element it reaches,
     * {@code offset + Σ (size_i − 1) × stride_i}, is below the storage's element count.
     */
    private void checkInside(String what, TorchStorage storage, TorchDtype dtype, long offset, long[] shape,
                             long[] stride, long elements) throws ModelFormatException {
        long storageElements = storage.untyped() ? storage.numel() / dtype.bytes() : storage.numel();
        if (storage.untyped() && storage.numel() % dtype.bytes() != 0) {
            throw new ModelFormatException(path, what + ": untyped storage '" + storage.key() + "' of "
                    + storage.numel() + " bytes is no whole number of " + dtype.id() + " elements");
        }
        if (offset < 0) {
            throw new ModelFormatException(path, what + " has a negative storage offset " + offset);
        }
        if (elements == 0) {
            return;
        }
        long last = offset;
        for (int i = 0; i < shape.length; i++) {
            if (stride[i] < 0) {
                throw new ModelFormatException(path, what + " has a negative stride " + stride[i]);
            }
            last = Checked.sum(path, what + " extent", last, Checked.product(path, what + " extent", shape[i] - 1,
                    stride[i]));
        }
        if (last >= storageElements) {
            throw new ModelFormatException(path, what + " reaches element " + last + " of storage '" + storage.key()
                    + "', which holds " + storageElements);
        }
    }

    private long integer(PickleValue value, String what) throws ModelFormatException {
        if (value instanceof Int number) {
            return number.value();
        }
        throw new ModelFormatException(path, what + " is not an integer");
    }

    private long[] dims(PickleValue value, String what) throws ModelFormatException {
        if (!(value instanceof Tuple tuple)) {
            throw new ModelFormatException(path, what + " is not a tuple of integers");
        }
        if (tuple.items.size() > MAX_DIMS) {
            throw new ModelFormatException(path, what + " has " + tuple.items.size() + " dimensions, more than "
                    + MAX_DIMS);
        }
        long[] dims = new long[tuple.items.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = integer(tuple.items.get(i), what);
        }
        return dims;
    }
}
