package dev.openaccess.core.format;

/**
 * Where a model's bytes lie, which decides where a reader can read it: a {@link #FILE} anywhere, an
 * {@link #ARCHIVE} only as a file on disk, a {@link #FOLDER} wherever the files beside it can be found.
 */
public enum Layout {
    /** One file holds the model; it is read as a stream, on disk or inflated out of an archive. */
    FILE,
    /**
     * The file is a zip whose entries together are one model ({@code .npz}, a PyTorch checkpoint), read in place by
     * its central directory: on disk only, since an entry of another archive cannot be read that way.
     */
    ARCHIVE,
    /**
     * The file stands for files beside it (a sharded model's index and its shards, a SavedModel's
     * {@code saved_model.pb} and {@code variables/}): read where they are found, on disk or in the same archive.
     */
    FOLDER
}
