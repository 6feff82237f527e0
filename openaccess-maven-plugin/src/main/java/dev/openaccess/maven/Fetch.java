package dev.openaccess.maven;

import java.nio.file.Path;

/** What asking the repositories for one descriptor gave. */
sealed interface Fetch {

    /** Found; {@code downloaded} when it was fetched from a remote repository into the local one. */
    record Found(Path file, String origin, boolean downloaded) implements Fetch {
    }

    /** Not found anywhere. */
    record NotPublished(String detail) implements Fetch {
    }

    /** The repositories could not be asked. */
    record Failed(String detail) implements Fetch {
    }
}
