package dev.openaccess.maven;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferCancelledException;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferEvent.EventType;
import org.eclipse.aether.transfer.TransferResource;
import org.junit.jupiter.api.Test;

class DescriptorTransferListenerTest {

    private static final long LIMIT = 16 * 1024 * 1024;

    /** Maven's listener, standing in: what it was told. */
    private static final class Recording extends AbstractTransferListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void transferInitiated(TransferEvent event) {
            events.add("initiated");
        }

        @Override
        public void transferStarted(TransferEvent event) {
            events.add("started");
        }

        @Override
        public void transferProgressed(TransferEvent event) {
            events.add("progressed " + event.getTransferredBytes());
        }

        @Override
        public void transferSucceeded(TransferEvent event) {
            events.add("succeeded");
        }

        @Override
        public void transferFailed(TransferEvent event) {
            events.add("failed");
        }
    }

    private static TransferResource resource(long contentLength) {
        return new TransferResource("corp", "https://repo.example.com/maven2/", "g/a/1/a-1-openaccess.json",
                new File("target/a-1-openaccess.json"), null).setContentLength(contentLength);
    }

    private static TransferEvent event(TransferResource resource, EventType type, long transferred) {
        return new TransferEvent.Builder(new DefaultRepositorySystemSession(), resource).resetType(type)
                .setTransferredBytes(transferred).build();
    }

    @Test
    void passesEveryEventOnWithinTheLimit() throws TransferCancelledException {
        Recording maven = new Recording();
        TransferWatch watch = new TransferWatch();
        DescriptorTransferListener listener = new DescriptorTransferListener(maven, LIMIT, watch);
        TransferResource resource = resource(LIMIT);
        listener.transferInitiated(event(resource, EventType.INITIATED, 0));
        listener.transferStarted(event(resource, EventType.STARTED, 0));
        listener.transferProgressed(event(resource, EventType.PROGRESSED, LIMIT));
        listener.transferSucceeded(event(resource, EventType.SUCCEEDED, LIMIT));
        assertEquals(List.of("initiated", "started", "progressed " + LIMIT, "succeeded"), maven.events);
        assertEquals(new TransferWatch.Transfer("corp", "https://repo.example.com/maven2", true, LIMIT, LIMIT),
                watch.current());
        assertNull(watch.anyRefusal());
    }

    @Test
    void cancelsADeclaredLengthOverTheLimitBeforeAnyByte() throws TransferCancelledException {
        Recording maven = new Recording();
        TransferWatch watch = new TransferWatch();
        DescriptorTransferListener listener = new DescriptorTransferListener(maven, LIMIT, watch);
        TransferResource resource = resource(2L * 1024 * 1024 * 1024);
        listener.transferInitiated(event(resource, EventType.INITIATED, 0));
        TransferCancelledException e = assertThrows(TransferCancelledException.class,
                () -> listener.transferStarted(event(resource, EventType.STARTED, 0)));
        String words = "transfer cancelled: more than 16 MiB (the descriptor limit): the server declared 2147483648"
                + " bytes";
        assertEquals(words, e.getMessage());
        assertEquals(new TransferWatch.Refusal("corp (https://repo.example.com/maven2)", words), watch.refusal("corp"));
        listener.transferFailed(event(resource, EventType.FAILED, 0));
        assertEquals(List.of("initiated", "failed"), maven.events); // Maven's listener sees the end of it
    }

    @Test
    void cancelsABodyWithoutLengthOnceItPassesTheLimit() throws TransferCancelledException {
        Recording maven = new Recording();
        TransferWatch watch = new TransferWatch();
        DescriptorTransferListener listener = new DescriptorTransferListener(maven, LIMIT, watch);
        TransferResource resource = resource(-1);
        listener.transferStarted(event(resource, EventType.STARTED, 0));
        listener.transferProgressed(event(resource, EventType.PROGRESSED, LIMIT));
        TransferCancelledException e = assertThrows(TransferCancelledException.class,
                () -> listener.transferProgressed(event(resource, EventType.PROGRESSED, LIMIT + 32768)));
        assertEquals("transfer cancelled: more than 16 MiB (the descriptor limit): cancelled after 16809984 bytes",
                e.getMessage());
    }

    @Test
    void cancelsEveryTransferOnceTheDeadlinePassed() throws TransferCancelledException {
        TransferWatch watch = new TransferWatch();
        DescriptorTransferListener listener = new DescriptorTransferListener(null, LIMIT, watch);
        TransferResource resource = resource(100);
        listener.transferStarted(event(resource, EventType.STARTED, 0));
        listener.transferProgressed(event(resource, EventType.PROGRESSED, 5));
        watch.cancel();
        assertThrows(TransferCancelledException.class,
                () -> listener.transferProgressed(event(resource, EventType.PROGRESSED, 6)));
        assertEquals("6 of 100 bytes had arrived", watch.current().progress());
        assertDoesNotThrow(() -> listener.transferFailed(event(resource, EventType.FAILED, 6)));
        assertThrows(TransferCancelledException.class, // the next repository's transfer too
                () -> listener.transferInitiated(event(resource, EventType.INITIATED, 0)));
    }
}
