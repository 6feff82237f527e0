package dev.openaccess.core.format;

import java.util.Arrays;

/**
 * A tensor as torch's rebuild functions would make it ({@code torch._utils._rebuild_tensor_v2(storage,
 * storage_offset, size, stride, ...)}): a view of {@code shape} with {@code stride} into its storage from
 * {@code offset}, all in elements of {@code dtype}.
 *
 * @param storage  the storage it views; null for a meta tensor, which has none
 *                 ({@code _rebuild_meta_tensor_no_storage})
 * @param elements the product of the shape, checked
 */
record TorchTensor(TorchStorage storage, TorchDtype dtype, long offset, long[] shape, long[] stride, long elements) {

    /**
     * What tells this view from another: tied weights are one view saved under two names (same storage, offset,
     * shape and stride), and count once.
     */
    String view() {
        return (storage == null ? "meta" : storage.identity()) + "@" + offset + Arrays.toString(shape)
                + Arrays.toString(stride);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TorchTensor that && view().equals(that.view()) && dtype == that.dtype;
    }

    @Override
    public int hashCode() {
        return view().hashCode();
    }

    @Override
    public String toString() {
        return dtype.id() + Arrays.toString(shape) + " of " + (storage == null ? "no storage" : "storage '"
                + storage.key() + "'");
    }
}
