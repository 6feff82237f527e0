package dev.openaccess.core.policy;

import java.nio.file.Path;

/** What asking the repositories for a dependency's published descriptor gave. */
public sealed interface DescriptorLookup {

    /**
     * A descriptor was found.
     *
     * @param file where it lies now (the local repository, or a reactor module's build folder)
     */
    record Found(Path file) implements DescriptorLookup {
    }

    /** No repository has one. */
    record NotPublished(String detail) implements DescriptorLookup {
    }

    /** The repositories could not be asked, so whether one is published is not known. */
    record Unavailable(String detail) implements DescriptorLookup {
    }
}
