package dev.openaccess.core.format;

/**
 * A storage a checkpoint's pickle refers to by persistent id: {@code ('storage', storage_type, key, location, numel)}
 * (torch/serialization.py {@code _save}; the legacy format adds a view record). Its bytes lie elsewhere: in the
 * zip entry {@code <folder><key>}, or after the pickles in a legacy file.
 *
 * @param folder   where the storages of its pickle lie in the archive ({@code data/}, TorchScript's
 *                 {@code constants/}); empty for a legacy file
 * @param key      the storage's key
 * @param dtype    its element type; {@code U8} for an untyped storage, whose numel counts bytes
 * @param numel    its elements, as the persistent id declares them
 * @param untyped  whether the storage is a {@code torch.UntypedStorage} (numel in bytes; its tensors name their own
 *                 dtype, {@code _rebuild_tensor_v3})
 * @param location the device it was saved from ({@code cpu}, {@code cuda:0})
 */
record TorchStorage(String folder, String key, TorchDtype dtype, long numel, boolean untyped, String location) {

    /** One storage per key and folder: torch keeps the first it loads under a key. */
    String identity() {
        return folder + key;
    }

    /** The bytes the storage holds, refused in words past 64 bits. */
    long bytes(String path) throws ModelFormatException {
        return Checked.product(path, "storage '" + key + "' (" + numel + " elements of " + dtype.bytes()
                + " bytes)", numel, dtype.bytes());
    }
}
