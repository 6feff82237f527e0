package dev.openaccess.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.http.client.HttpResponseException;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.LocalRepositoryManager;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.transfer.TransferCancelledException;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferEvent.EventType;
import org.eclipse.aether.transfer.TransferListener;
import org.eclipse.aether.transfer.TransferResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher against a stand-in for Maven Resolver: a {@link RepositorySystem} whose resolveArtifact is a lambda. */
class DescriptorFetcherTest {

    private static final RemoteRepository CORP =
            new RemoteRepository.Builder("corp", "default", "https://repo.example.com/maven2").build();
    private static final Duration DEADLINE = Duration.ofMillis(500);
    private static final long LIMIT = 16 * 1024 * 1024;

    @TempDir
    Path local;

    @FunctionalInterface
    interface Resolve {
        ArtifactResult resolve(RepositorySystemSession session, ArtifactRequest request) throws Exception;
    }

    private static RepositorySystem system(Resolve resolve) {
        return (RepositorySystem) Proxy.newProxyInstance(DescriptorFetcherTest.class.getClassLoader(),
                new Class<?>[] {RepositorySystem.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("resolveArtifact")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return resolve.resolve((RepositorySystemSession) args[0], (ArtifactRequest) args[1]);
                });
    }

    private RepositorySystemSession session() {
        DefaultRepositorySystemSession session = new DefaultRepositorySystemSession();
        LocalRepository repository = new LocalRepository(local.toFile());
        session.setLocalRepositoryManager((LocalRepositoryManager) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {LocalRepositoryManager.class},
                (proxy, method, args) -> method.getName().equals("getRepository") ? repository : null));
        return session;
    }

    private DescriptorFetcher fetcher(Resolve resolve) {
        return new DescriptorFetcher(system(resolve), session(), List.of(CORP), DEADLINE, LIMIT);
    }

    private static Artifact descriptor(String artifactId) {
        return new DefaultArtifact("g", artifactId, "openaccess", "json", "1.0");
    }

    private Path file(String artifactId) {
        return local.resolve("g/" + artifactId + "/1.0/" + artifactId + "-1.0-openaccess.json");
    }

    /** Tells the request's listener what the HTTP transport would, then blocks as a silent server makes it. */
    private static ArtifactResult transferThenBlock(RepositorySystemSession session, File target, long length,
                                                    long received) throws Exception {
        TransferListener listener = session.getTransferListener();
        TransferResource resource = new TransferResource(CORP.getId(), CORP.getUrl() + "/", "a.json", target, null)
                .setContentLength(length);
        TransferEvent.Builder events = new TransferEvent.Builder(session, resource);
        listener.transferInitiated(events.resetType(EventType.INITIATED).build());
        if (length >= 0) {
            listener.transferStarted(events.resetType(EventType.STARTED).build());
            listener.transferProgressed(events.resetType(EventType.PROGRESSED).setTransferredBytes(received).build());
        }
        Files.createDirectories(target.toPath().getParent());
        Files.writeString(target.toPath().resolveSibling(target.getName() + ".123.tmp.456.tmp"), "partial");
        new CountDownLatch(1).await(); // forever: a daemon thread, abandoned
        return null;
    }

    @Test
    void neverWaitsPastTheDeadlineAndSaysForWhat() throws IOException {
        Path stale = file("drip").resolveSibling("drip-1.0-openaccess.json.999.tmp"); // someone else's
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "another build's");
        DescriptorFetcher fetcher = fetcher((session, request) -> {
            String artifactId = request.getArtifact().getArtifactId();
            return switch (artifactId) {
                case "silent" -> transferThenBlock(session, file(artifactId).toFile(), -1, 0);
                case "drip" -> transferThenBlock(session, file(artifactId).toFile(), 1048576, 5);
                default -> {
                    new CountDownLatch(1).await();
                    yield null;
                }
            };
        });
        long start = System.nanoTime();
        List<Fetch> fetches = fetcher.fetch(List.of(descriptor("silent"), descriptor("drip"), descriptor("locked")));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(DEADLINE.plus(DescriptorFetcher.GRACE).plusMillis(500)) < 0, took.toString());
        assertEquals(List.of(
                new Fetch.Failed("no answer from corp (https://repo.example.com/maven2) within 500 ms"
                        + " (resolveTimeout): the response had not begun (no status line and headers yet)"),
                new Fetch.Failed("no answer from corp (https://repo.example.com/maven2) within 500 ms"
                        + " (resolveTimeout): 5 of 1048576 bytes had arrived"),
                new Fetch.Failed("no answer within 500 ms (resolveTimeout): no transfer had begun (the resolver may"
                        + " have been waiting for its lock on the descriptor, held by another download of it)")),
                fetches);
        // the abandoned transfers' temporary files are gone; one that was there before stays
        assertFalse(Files.exists(file("silent").resolveSibling("silent-1.0-openaccess.json.123.tmp.456.tmp")));
        assertFalse(Files.exists(file("drip").resolveSibling("drip-1.0-openaccess.json.123.tmp.456.tmp")));
        assertTrue(Files.exists(stale));
    }

    @Test
    void requestsBeyondThePoolThatNeverBeganSaySo() {
        DescriptorFetcher fetcher = fetcher((session, request) -> {
            new CountDownLatch(1).await();
            return null;
        });
        List<Artifact> descriptors = new ArrayList<>();
        for (int i = 0; i <= DescriptorFetcher.THREADS; i++) {
            descriptors.add(descriptor("a" + i));
        }
        List<Fetch> fetches = fetcher.fetch(descriptors);
        assertEquals(new Fetch.Failed("no answer within 500 ms (resolveTimeout): not asked yet, the other descriptor"
                + " requests took the time"), fetches.get(DescriptorFetcher.THREADS));
    }

    @Test
    void answersInTheOrderAsked() throws IOException {
        Path found = file("found");
        Files.createDirectories(found.getParent());
        Files.writeString(found, "{}");
        DescriptorFetcher fetcher = fetcher((session, request) -> {
            Artifact artifact = request.getArtifact();
            ArtifactResult result = new ArtifactResult(request);
            switch (artifact.getArtifactId()) {
                case "found" -> {
                    Thread.sleep(100); // answers last, listed first
                    return result.setArtifact(artifact.setFile(found.toFile())).setRepository(CORP);
                }
                case "absent" -> result.addException(new ArtifactNotFoundException(artifact, CORP));
                case "cached" -> result.addException(new ArtifactNotFoundException(artifact, CORP, "Failure to find"
                        + " g:cached:json:openaccess:1.0 in https://repo.example.com/maven2 was cached in the local"
                        + " repository, resolution will not be reattempted until the update interval of corp has"
                        + " elapsed or updates are forced"));
                case "broken" -> result.addException(new ArtifactTransferException(artifact, CORP,
                        new HttpResponseException(500, "Internal Server Error (500)")));
                case "big" -> {
                    TransferResource resource = new TransferResource(CORP.getId(), CORP.getUrl(), "big.json", null,
                            null).setContentLength(LIMIT + 1);
                    try {
                        session.getTransferListener().transferStarted(new TransferEvent.Builder(session, resource)
                                .resetType(EventType.STARTED).build());
                    } catch (TransferCancelledException e) {
                        result.addException(new ArtifactTransferException(artifact, CORP, e));
                    }
                }
                default -> throw new IllegalStateException(artifact.toString());
            }
            throw new ArtifactResolutionException(List.of(result));
        });
        List<Fetch> fetches = fetcher.fetch(List.of(descriptor("found"), descriptor("absent"), descriptor("cached"),
                descriptor("broken"), descriptor("big")));
        assertEquals(List.of(
                new Fetch.Found(found, "corp (https://repo.example.com/maven2)", true),
                new Fetch.NotPublished("no descriptor published (classifier openaccess, type json) in corp"),
                new Fetch.NotPublished("no descriptor published (classifier openaccess, type json) in corp; the answer"
                        + " was cached: run with -U to ask again"),
                new Fetch.Failed("corp (https://repo.example.com/maven2): HTTP 500 Internal Server Error"),
                new Fetch.Failed("corp (https://repo.example.com/maven2): transfer cancelled: more than 16 MiB (the"
                        + " descriptor limit): the server declared 16777217 bytes")), fetches);
    }

    @Test
    void forgetsOnlyADownloadedCopyInTheLocalRepository() throws IOException {
        DescriptorFetcher fetcher = fetcher((session, request) -> null);
        Path downloaded = file("downloaded");
        Files.createDirectories(downloaded.getParent());
        Files.writeString(downloaded, "{ not json");
        Path checksum = downloaded.resolveSibling(downloaded.getFileName() + ".sha1");
        Files.writeString(checksum, "0123");
        assertEquals("removed the cached copy " + downloaded + "; the next build asks corp"
                        + " (https://repo.example.com/maven2) again",
                fetcher.forget(new Fetch.Found(downloaded, "corp (https://repo.example.com/maven2)", true)));
        assertFalse(Files.exists(downloaded));
        assertFalse(Files.exists(checksum));

        Path installed = file("installed");
        Files.createDirectories(installed.getParent());
        Files.writeString(installed, "{ not json");
        assertEquals("", fetcher.forget(new Fetch.Found(installed, "the local repository", false)));
        assertTrue(Files.exists(installed));

        Path reactor = local.getParent().resolve(local.getFileName() + "-module/target/openaccess.json");
        Files.createDirectories(reactor.getParent());
        Files.writeString(reactor, "{ not json");
        assertEquals("", fetcher.forget(new Fetch.Found(reactor, "the reactor", true)));
        assertTrue(Files.exists(reactor));
    }

    @Test
    void nothingToFetchAsksNothing() {
        assertInstanceOf(List.class, fetcher((session, request) -> {
            throw new AssertionError("asked");
        }).fetch(List.of()));
    }
}
