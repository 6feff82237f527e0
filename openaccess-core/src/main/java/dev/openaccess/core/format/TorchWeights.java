package dev.openaccess.core.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts a checkpoint's tensors as its storages hold them.
 *
 * <ul>
 *   <li>Bytes are the storages' bytes, each storage once however many tensors view it: that is what the file holds
 *       and what {@code torch.load} allocates (a tensor saved as a slice of a larger one brings the whole storage).</li>
 *   <li>Parameters are the tensors' elements ({@code numel}), each distinct view once: tied weights (one tensor
 *       saved under two names, {@code lm_head.weight} and {@code embed_tokens.weight}) are one view and count once;
 *       views of different parts of one storage (a fused {@code qkv} split three ways) each count. The elements
 *       counted on a storage never exceed the elements it holds, so overlapping views (a tensor and a slice of it,
 *       an expanded tensor of stride 0) count no more than the data that is there.</li>
 *   <li>{@code tensors} is every tensor the pickle rebuilds, tied ones included: the entries of the state dict.</li>
 * </ul>
 */
final class TorchWeights {

    private TorchWeights() {
    }

    /** The count, with one warning for storages that hold more than their tensors view. */
    record Tally(WeightCount count, long tensors, long tied, List<String> warnings) {
    }

    static Tally count(String path, Map<String, TorchStorage> storages, List<TorchTensor> tensors)
            throws ModelFormatException {
        Map<String, Set<TorchTensor>> views = new LinkedHashMap<>();
        List<TorchTensor> meta = new ArrayList<>();
        long tied = 0;
        for (TorchTensor tensor : tensors) {
            if (tensor.storage() == null) {
                meta.add(tensor);
            } else if (!views.computeIfAbsent(tensor.storage().identity(), key -> new LinkedHashSet<>()).add(tensor)) {
                tied++;
            }
        }
        WeightCount count = new WeightCount(path);
        long larger = 0;
        long unviewed = 0;
        for (TorchStorage storage : new TreeMap<>(storages).values()) {
            Set<TorchTensor> onIt = views.getOrDefault(storage.identity(), Set.of());
            long bytes = storage.bytes(path);
            if (onIt.isEmpty()) {
                // a storage saved for itself (torch.save(t.untyped_storage())): its own elements
                count.elements(storage.dtype().id(), storage.numel());
                count.bytes(bytes);
                continue;
            }
            TorchDtype dtype = onIt.iterator().next().dtype();
            for (TorchTensor tensor : onIt) {
                if (tensor.dtype() != dtype) {
                    throw new ModelFormatException(path, "storage '" + storage.key() + "' is viewed as both "
                            + dtype.id() + " and " + tensor.dtype().id() + ", which torch.save refuses to write");
                }
            }
            long held = storage.untyped() ? storage.numel() / dtype.bytes() : storage.numel();
            long viewed = 0;
            for (TorchTensor tensor : onIt) {
                viewed = Checked.sum(path, "the elements of storage '" + storage.key() + "'", viewed,
                        tensor.elements());
            }
            count.elements(dtype.id(), Math.min(viewed, held));
            count.bytes(bytes);
            if (viewed < held) {
                larger++;
                unviewed = Checked.sum(path, "unviewed elements", unviewed, held - viewed);
            }
        }
        for (TorchTensor tensor : meta) {
            count.elements(tensor.dtype().id(), tensor.elements());
        }
        List<String> warnings = new ArrayList<>();
        if (larger > 0) {
            warnings.add(path + ": " + larger + (larger == 1 ? " storage holds" : " storages hold") + " " + unviewed
                    + " more elements than " + (larger == 1 ? "its" : "their") + " tensors view (tensors saved as"
                    + " slices of larger ones): the bytes count them, since loading allocates them; the parameters"
                    + " do not");
        }
        if (!meta.isEmpty()) {
            warnings.add(path + ": " + meta.size() + " meta " + (meta.size() == 1 ? "tensor has" : "tensors have")
                    + " a shape but no data: " + (meta.size() == 1 ? "its elements are" : "their elements are")
                    + " counted, no bytes");
        }
        return new Tally(count, tensors.size(), tied, warnings);
    }
}
