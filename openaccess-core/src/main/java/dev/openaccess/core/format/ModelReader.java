package dev.openaccess.core.format;

import java.io.IOException;

/** Reads one model format header-only: never more of the source than its headers. */
public interface ModelReader {

    ModelFormat format();

    /**
     * The facts of the model in {@code source}.
     *
     * @throws ModelFormatException when the bytes are not a well-formed file of this format
     * @throws IOException          when the source cannot be read
     */
    ModelFacts read(ModelSource source) throws IOException;
}
