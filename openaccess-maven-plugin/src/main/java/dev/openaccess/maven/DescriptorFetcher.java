package dev.openaccess.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.repository.ArtifactRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.WorkspaceRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.transfer.RepositoryOfflineException;
import org.eclipse.aether.transfer.TransferCancelledException;

/**
 * Fetches dependencies' descriptors through Maven Resolver (mirrors, proxies, credentials and the local repository's
 * cache apply as for any artifact) so that no repository can hang or poison a build: each request runs on a small
 * pool of daemon threads, the build waits for them until one overall deadline, transfers bigger than the descriptor
 * limit are cancelled while they stream, connect and read timeouts apply where the user set none, and every failure
 * is told in plain words naming the repository and its URL.
 *
 * <p>Thread-safe: each {@link #fetch} has its own threads and per-request state.
 */
final class DescriptorFetcher {

    /**
     * Requests run at once. A hostile repository holds one thread per request until the deadline; eight let the
     * requests to honest repositories through beside a few held ones (the resolver itself downloads five at a time).
     */
    static final int THREADS = 8;

    /** How long past the deadline cancelled transfers get to end, each at its next event. */
    static final Duration GRACE = Duration.ofSeconds(1);

    private static final String[] CHECKSUM_EXTENSIONS = {"sha1", "md5", "sha256", "sha512"};

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final Duration deadline;
    private final long maxBytes;

    /**
     * @param deadline how long {@link #fetch} may wait for all descriptors together ({@code resolveTimeout})
     * @param maxBytes the most bytes a descriptor may have; a bigger transfer is cancelled
     */
    DescriptorFetcher(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories,
                      Duration deadline, long maxBytes) {
        this.system = system;
        this.session = session;
        this.repositories = List.copyOf(repositories);
        this.deadline = deadline;
        this.maxBytes = maxBytes;
    }

    /**
     * One answer per dependency descriptor request, in the order given. Never blocks past the deadline (plus a small
     * grace): a request still running then is abandoned on its daemon thread, its transfers cancelled at their next
     * event, and the temporary files it may have begun are removed, so that nothing partial stays behind when Maven
     * exits with the thread still blocked.
     */
    List<Fetch> fetch(List<Artifact> descriptors) {
        if (descriptors.isEmpty()) {
            return List.of();
        }
        long end = System.nanoTime() + deadline.toNanos();
        DefaultRepositorySystemSession configured = Timeouts.withDefaults(session);
        List<TransferWatch> watches = new ArrayList<>();
        List<Future<ArtifactResult>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, descriptors.size()),
                new DaemonThreads("openaccess-descriptor"));
        try {
            for (Artifact descriptor : descriptors) {
                TransferWatch watch = new TransferWatch();
                // A session of its own per request, so that its listener knows which request an event belongs to.
                DefaultRepositorySystemSession own = new DefaultRepositorySystemSession(configured);
                own.setTransferListener(new DescriptorTransferListener(configured.getTransferListener(), maxBytes,
                        watch));
                ArtifactRequest request = new ArtifactRequest(descriptor, repositories, null);
                watches.add(watch);
                futures.add(pool.submit(() -> resolve(own, request, watch)));
            }
        } finally {
            // Never shutdownNow: an interrupt can close the resolver's file channels while it writes its tracking
            // files. Requests not yet begun see the cancelled watch and do not begin.
            pool.shutdown();
        }
        if (!await(futures, end)) {
            watches.forEach(TransferWatch::cancel);
            await(futures, System.nanoTime() + GRACE.toNanos());
        }
        List<Fetch> answers = new ArrayList<>();
        for (int i = 0; i < descriptors.size(); i++) {
            answers.add(answer(futures.get(i), watches.get(i), configured));
        }
        return answers;
    }

    /**
     * Removes a descriptor found invalid or mismatched from the local repository (only a copy downloaded from a
     * remote repository, never one installed locally or from the reactor), so the next build asks again.
     *
     * <p>Deleting the file is enough: resolver 1.9's {@code EnhancedLocalRepositoryManager.checkFind} reads the
     * {@code _remote.repositories} entries only for a file that exists, so with the file gone the next build
     * downloads it. Its checksum files go too, since they describe the bytes removed.
     *
     * @return the words for the message, or "" when nothing was removed
     */
    String forget(Fetch.Found found) {
        if (!found.downloaded() || !inLocalRepository(found.file())) {
            return "";
        }
        Path file = found.file();
        try {
            if (!Files.deleteIfExists(file)) {
                return "";
            }
            for (String extension : CHECKSUM_EXTENSIONS) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + "." + extension));
            }
        } catch (IOException e) {
            return "could not remove the cached copy " + file + " (" + e.getMessage() + "): delete it, so that the next"
                    + " build asks " + found.origin() + " again";
        }
        return "removed the cached copy " + file + "; the next build asks " + found.origin() + " again";
    }

    private boolean inLocalRepository(Path file) {
        Path base = session.getLocalRepository().getBasedir().toPath().toAbsolutePath().normalize();
        return file.toAbsolutePath().normalize().startsWith(base);
    }

    private ArtifactResult resolve(RepositorySystemSession own, ArtifactRequest request, TransferWatch watch) {
        if (!watch.begin()) {
            return null;
        }
        try {
            return system.resolveArtifact(own, request);
        } catch (ArtifactResolutionException e) {
            return e.getResult();
        }
    }

    /** Waits for every future until {@code end} (a {@link System#nanoTime()}); false when one is not done by then. */
    private static boolean await(List<Future<ArtifactResult>> futures, long end) {
        for (Future<ArtifactResult> future : futures) {
            try {
                future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                // done: the answer tells it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private Fetch answer(Future<ArtifactResult> future, TransferWatch watch, RepositorySystemSession configured) {
        if (!future.isDone()) {
            watch.removeTemporaryFiles();
            return new Fetch.Failed(noAnswer(watch));
        }
        ArtifactResult result;
        try {
            result = future.get();
        } catch (ExecutionException e) {
            return new Fetch.Failed(failure(e.getCause(), null, watch, configured));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Fetch.Failed(noAnswer(watch));
        }
        if (result == null) {
            return new Fetch.Failed(noAnswer(watch));
        }
        if (result.isResolved()) {
            ArtifactRepository repository = result.getRepository();
            return new Fetch.Found(result.getArtifact().getFile().toPath(), origin(repository),
                    repository instanceof RemoteRepository);
        }
        List<String> failures = new ArrayList<>();
        boolean cached = false;
        for (Exception exception : result.getExceptions()) {
            boolean offline = causedBy(exception, RepositoryOfflineException.class);
            if (exception instanceof ArtifactNotFoundException && !offline) {
                cached |= String.valueOf(exception.getMessage()).contains("cached");
                continue;
            }
            RemoteRepository repository = exception instanceof ArtifactTransferException transfer
                    ? transfer.getRepository() : null;
            failures.add(failure(exception, repository, watch, configured));
        }
        if (!failures.isEmpty()) {
            return new Fetch.Failed(String.join("; ", failures));
        }
        return new Fetch.NotPublished("no descriptor published (classifier " + DependencyCheck.CLASSIFIER
                + ", type " + DependencyCheck.EXTENSION + ") in " + (repositories.isEmpty() ? "no repository"
                : repositories.stream().map(RemoteRepository::getId).collect(Collectors.joining(", ")))
                + (cached ? "; the answer was cached: run with -U to ask again" : ""));
    }

    /** Why {@code repository} (null: unknown) could not be asked, naming it and its URL. */
    private String failure(Throwable error, RemoteRepository repository, TransferWatch watch,
                           RepositorySystemSession configured) {
        String id = repository == null ? null : repository.getId();
        TransferWatch.Refusal refusal = id == null ? null : watch.refusal(id);
        if (refusal != null) {
            return refusal.repository() + ": " + refusal.words();
        }
        if (watch.cancelled() && causedBy(error, TransferCancelledException.class)) {
            return "no answer from " + where(repository) + " within " + limit() + ": " + progress(watch);
        }
        return where(repository) + ": "
                + FailureWords.of(error, id, Timeouts.connect(configured, id), Timeouts.request(configured, id));
    }

    /** The words for a request still running at the deadline. */
    private String noAnswer(TransferWatch watch) {
        TransferWatch.Refusal refusal = watch.anyRefusal();
        if (refusal != null) {
            // cancelled for its size, the transport still reading the rest of the body to close the connection
            return refusal.repository() + ": " + refusal.words();
        }
        if (!watch.begun()) {
            return "no answer within " + limit() + ": not asked yet, the other descriptor requests took the time";
        }
        TransferWatch.Transfer transfer = watch.current();
        if (transfer == null) {
            return "no answer within " + limit() + ": no transfer had begun (the resolver may have been waiting for"
                    + " its lock on the descriptor, held by another download of it)";
        }
        return "no answer from " + transfer.repository() + " within " + limit() + ": " + transfer.progress();
    }

    private static String progress(TransferWatch watch) {
        TransferWatch.Transfer transfer = watch.current();
        return transfer == null ? "no transfer had begun" : transfer.progress();
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private String limit() {
        return Durations.words(deadline) + " (resolveTimeout)";
    }

    private String where(RemoteRepository repository) {
        if (repository != null) {
            return repository.getId() + " (" + repository.getUrl() + ")";
        }
        return repositories.isEmpty() ? "no repository" : repositories.stream()
                .map(r -> r.getId() + " (" + r.getUrl() + ")").collect(Collectors.joining(", "));
    }

    private static String origin(ArtifactRepository repository) {
        if (repository instanceof RemoteRepository remote) {
            return remote.getId() + " (" + remote.getUrl() + ")";
        }
        if (repository instanceof WorkspaceRepository) {
            return "the reactor";
        }
        return "the local repository";
    }
}
