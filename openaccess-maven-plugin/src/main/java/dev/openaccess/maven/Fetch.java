package dev.openaccess.maven;

import java.nio.file.Path;

/** What asking the repositories for one dependency's descriptor came to: {@link DescriptorFetcher#fetch}. */
sealed interface Fetch {

    /**
     * The descriptor is at hand.
     *
     * @param file       the descriptor, in the local repository or the reactor
     * @param origin     where it came from, in words: {@code central (https://repo.maven.apache.org/maven2)},
     *                   {@code the local repository} or {@code the reactor}
     * @param downloaded whether the file is a copy downloaded from a remote repository (in this build or an earlier
     *                   one), the only kind {@link DescriptorFetcher#forget} removes
     */
    record Found(Path file, String origin, boolean downloaded) implements Fetch {
    }

    /**
     * No repository has the descriptor: every one asked answered "not found".
     *
     * @param detail what was asked where, and whether the answer came from the local repository's cache of an earlier
     *               "not found" (then {@code -U} asks again)
     */
    record NotPublished(String detail) implements Fetch {
    }

    /**
     * A repository could not be asked, so nobody can tell whether the descriptor exists: transfer errors, timeouts,
     * a body over the size limit, offline without a cached copy, HTTP 5xx, authentication.
     *
     * @param detail what happened, in plain words, naming each repository and its URL
     */
    record Failed(String detail) implements Fetch {
    }
}
