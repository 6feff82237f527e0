package dev.openaccess.core.format;

import java.io.IOException;

/** A model file that cannot be read; the message names the file and what is wrong with it. */
public class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    public ModelFormatException(String path, String problem) {
        this(path, problem, null);
    }

    public ModelFormatException(String path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
        this.problem = problem;
    }

    /** The file, as named in the descriptor. */
    public String path() {
        return path;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
