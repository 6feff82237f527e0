package dev.openaccess.core.format;

import dev.openaccess.core.descriptor.Loading;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a checkpoint's pickles import, and whether loading them can run more than torch's own rebuilding of tensors.
 *
 * <p>The allow-list is the one {@code torch.load(weights_only=True)} — torch's default since 2.6 — applies:
 * {@code torch/_weights_only_unpickler.py _get_allowed_globals()}: {@code collections.OrderedDict} and
 * {@code Counter}, torch's tensor-rebuild functions ({@code _tensor_rebuild_functions()} and
 * {@code torch._tensor._rebuild_from_type_v2}), its dtypes, storage and tensor classes, quantization schemes,
 * {@code torch.Size}, {@code torch.device}, {@code torch.nn.parameter.Parameter},
 * {@code torch.serialization._get_layout}, and {@code _codecs.encode}, {@code builtins.bytearray}, {@code set} and
 * {@code complex} (how protocol 2 writes bytes, bytearrays, sets and complex numbers). Python 2's module names are
 * read as Python 3's, as that unpickler does ({@code __builtin__.set} is {@code builtins.set}). Anything else —
 * {@code os.system}, {@code builtins.exec}, a model's own class, {@code copyreg._reconstructor} — is code that
 * unpickling runs: the model {@code executes-code}.
 *
 * <p>TorchScript archives also name the classes of their own compiled code ({@code __torch__.*}, defined by the
 * archive's {@code code/}) and the helpers of {@code torch.jit._pickle}, which {@code torch.jit.load}'s own
 * unpickler resolves without importing Python code.
 */
final class PickleImports {

    /** Distinct callables kept for one model; more is no checkpoint, and would swell the descriptor. */
    static final int MAX_IMPORTS = 1_024;

    private static final Set<String> ALLOWED = Set.of(
            "collections.OrderedDict", "collections.Counter",
            "torch.nn.parameter.Parameter", "torch.serialization._get_layout", "torch.Size", "torch.Tensor",
            "torch.device", "_codecs.encode", "builtins.bytearray", "builtins.set", "builtins.complex",
            "torch.storage.TypedStorage", "torch.storage.UntypedStorage", "torch.UntypedStorage",
            "torch.per_tensor_affine", "torch.per_tensor_symmetric", "torch.per_channel_affine",
            "torch.per_channel_symmetric", "torch.per_channel_affine_float_qparams",
            "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state",
            "torch._utils._rebuild_qtensor", "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_tensor_v3", "torch._utils._rebuild_sparse_tensor",
            "torch._utils._rebuild_meta_tensor_no_storage", "torch._utils._rebuild_wrapper_subclass",
            "torch._utils._rebuild_device_tensor_from_numpy", "torch._utils._rebuild_device_tensor_from_cpu_tensor",
            "torch._tensor._rebuild_from_type_v2");
    /** Storage classes ({@code torch.FloatStorage}, {@code torch.cuda.HalfStorage}) and tensor classes. */
    private static final Pattern CLASSES = Pattern.compile("torch\\.(cuda\\.)?(sparse\\.)?[A-Za-z0-9_]+(Storage|Tensor)");
    /** torch/_utils.py IMPORT_MAPPING and NAME_MAPPING, as far as allowed names are concerned. */
    private static final Map<String, String> PYTHON2_MODULES = Map.of("__builtin__", "builtins",
            "copy_reg", "copyreg");

    private final String path;
    private final boolean torchScript;
    private final Set<String> imports = new LinkedHashSet<>();
    private final Set<String> unsafe = new LinkedHashSet<>();

    /**
     * @param torchScript whether the pickles are a TorchScript archive's, which also name its own compiled classes
     */
    PickleImports(String path, boolean torchScript) {
        this.path = path;
        this.torchScript = torchScript;
    }

    void add(PickleValue.Global global) throws ModelFormatException {
        String name = global.qualified();
        if (imports.add(name) && imports.size() > MAX_IMPORTS) {
            throw new ModelFormatException(path, "its pickle imports more than " + MAX_IMPORTS
                    + " distinct callables: no checkpoint does");
        }
        if (!allowed(global)) {
            unsafe.add(name);
        }
    }

    boolean allowed(PickleValue.Global global) {
        String module = PYTHON2_MODULES.getOrDefault(global.module(), global.module());
        String name = module + "." + global.name();
        if (ALLOWED.contains(name) || CLASSES.matcher(name).matches()) {
            return true;
        }
        if (module.equals("torch") && TorchDtype.ofDtypeName(global.name()).isPresent()) {
            return true; // torch.float32, torch.bfloat16, ...: dtypes
        }
        return torchScript && (module.equals("__torch__") || module.startsWith("__torch__.")
                || module.equals("torch.jit._pickle"));
    }

    /** What loading does: safe when every import is allowed, else executes-code; every import is listed. */
    Loading loading() {
        List<String> all = new ArrayList<>(imports);
        return unsafe.isEmpty() ? new Loading(true, all) : Loading.executesCode(all);
    }

    /** The imports past the allow-list, in the order the pickle names them. */
    List<String> unsafe() {
        return List.copyOf(unsafe);
    }
}
