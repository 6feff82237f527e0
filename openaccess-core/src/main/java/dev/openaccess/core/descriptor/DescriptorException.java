package dev.openaccess.core.descriptor;

/** A descriptor that cannot be read or does not satisfy the schema; the message names its source. */
public class DescriptorException extends Exception {

    private static final long serialVersionUID = 1L;

    public DescriptorException(String message) {
        super(message);
    }

    public DescriptorException(String message, Throwable cause) {
        super(message, cause);
    }
}
