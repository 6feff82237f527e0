package dev.openaccess.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.aether.transfer.TransferResource;

/**
 * What one descriptor request's transfers have done so far, written by its {@link DescriptorTransferListener} on the
 * transfer's thread and read by {@link DescriptorFetcher} on the build's: which repository is being asked, how much
 * has arrived, which transfers were cancelled and why, and which files the resolver may be writing.
 */
final class TransferWatch {

    /** The transfer in progress, or the last one. */
    record Transfer(String repositoryId, String repositoryUrl, boolean started, long contentLength, long received) {

        /** {@code central (https://repo.maven.apache.org/maven2)} */
        String repository() {
            return repositoryId + " (" + repositoryUrl + ")";
        }

        /** How far it got, for a message: whether the response had begun, and how many bytes of how many arrived. */
        String progress() {
            if (!started) {
                return "the response had not begun (no status line and headers yet)";
            }
            String of = contentLength >= 0 ? " of " + contentLength : "";
            return received + of + (received == 1 ? " byte" : " bytes") + " had arrived";
        }
    }

    private volatile boolean begun;
    private volatile boolean cancelled;
    private volatile Transfer current;
    /** A transfer cancelled for its size: from where, and why. */
    record Refusal(String repository, String words) {
    }

    private final Map<String, Refusal> refused = new ConcurrentHashMap<>();
    /** Each file a transfer writes to, with the temporary files beside it that were there before: not ours. */
    private final Map<Path, Set<String>> targets = new ConcurrentHashMap<>();

    /** The request starts on its thread; false when the deadline passed before it could, so it must not. */
    boolean begin() {
        begun = !cancelled;
        return begun;
    }

    boolean begun() {
        return begun;
    }

    /** The deadline passed: every later event of this request's transfers cancels it. */
    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    Transfer current() {
        return current;
    }

    void initiated(TransferResource resource) {
        current = new Transfer(resource.getRepositoryId(), url(resource), false, -1, 0);
        File file = resource.getFile();
        if (file != null) {
            Path target = file.toPath();
            targets.computeIfAbsent(target, TransferWatch::temporaryFiles);
        }
    }

    void started(TransferResource resource) {
        current = new Transfer(resource.getRepositoryId(), url(resource), true, resource.getContentLength(), 0);
    }

    void progressed(TransferResource resource, long received) {
        current = new Transfer(resource.getRepositoryId(), url(resource), true, resource.getContentLength(),
                received);
    }

    /** The transfer of {@code resource} was cancelled for the reason in {@code words}. */
    void refused(TransferResource resource, String words) {
        refused.put(String.valueOf(resource.getRepositoryId()),
                new Refusal(resource.getRepositoryId() + " (" + url(resource) + ")", words));
    }

    /** Why the transfer from {@code repositoryId} was cancelled, or null when it was not. */
    Refusal refusal(String repositoryId) {
        return refused.get(String.valueOf(repositoryId));
    }

    /** Any cancelled transfer's reason, or null. */
    Refusal anyRefusal() {
        return refused.values().stream().findFirst().orElse(null);
    }

    /** The repository's URL as its definition spells it: the resolver adds a slash to it in transfer events. */
    private static String url(TransferResource resource) {
        return String.valueOf(resource.getRepositoryUrl()).replaceAll("/+$", "");
    }

    /**
     * Removes what an abandoned transfer may have left beside its target: resolver 1.9 downloads into
     * {@code <name>.<random>.tmp} (and the HTTP transport into {@code <name>.<random>.tmp.<random>.tmp}) and deletes it
     * when the transfer ends, which never happens for a transfer still blocked when Maven exits. Files that were there
     * before the transfer began belong to someone else and stay.
     *
     * @return the files removed
     */
    Set<Path> removeTemporaryFiles() {
        Set<Path> removed = new HashSet<>();
        targets.forEach((target, before) -> {
            for (String name : temporaryFiles(target)) {
                if (!before.contains(name)) {
                    Path file = target.resolveSibling(name);
                    try {
                        if (Files.deleteIfExists(file)) {
                            removed.add(file);
                        }
                    } catch (IOException e) {
                        // still open where deleting open files is refused: the resolver deletes it itself when the
                        // transfer ends
                    }
                }
            }
        });
        return removed;
    }

    /** The names of the temporary files the resolver writes for {@code target}, as they are now. */
    private static Set<String> temporaryFiles(Path target) {
        Set<String> names = new HashSet<>();
        Path directory = target.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            return names;
        }
        Pattern temporary = Pattern.compile(Pattern.quote(target.getFileName().toString()) + "\\.\\d+\\.tmp.*");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (temporary.matcher(name).matches()) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            // unreadable: nothing known there, nothing removed
        }
        return names;
    }
}
