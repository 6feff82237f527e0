package dev.openaccess.maven;

import org.eclipse.aether.transfer.TransferCancelledException;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferListener;
import org.eclipse.aether.transfer.TransferResource;

/**
 * The transfer listener of one descriptor request: cancels a transfer bigger than the descriptor limit while it
 * streams, and every transfer of the request once its deadline has passed, recording what happened in a
 * {@link TransferWatch}. Every event also goes to the session's own listener, so Maven's progress output still works.
 *
 * <p>Cancelling is the resolver's own way to stop a transfer: a {@link TransferCancelledException} thrown from a
 * callback ends it on the transfer's thread, and the resolver deletes what it had written. A callback comes only
 * with an event (a chunk of the body, the headers' end), so a server that never finishes its headers is not stopped
 * here: {@link DescriptorFetcher} stops waiting for it.
 */
final class DescriptorTransferListener implements TransferListener {

    private final TransferListener delegate;
    private final long maxBytes;
    private final TransferWatch watch;

    /**
     * @param delegate the session's listener, null when it has none
     * @param maxBytes the most bytes a descriptor may have
     */
    DescriptorTransferListener(TransferListener delegate, long maxBytes, TransferWatch watch) {
        this.delegate = delegate;
        this.maxBytes = maxBytes;
        this.watch = watch;
    }

    @Override
    public void transferInitiated(TransferEvent event) throws TransferCancelledException {
        watch.initiated(event.getResource());
        cancelPastDeadline();
        if (delegate != null) {
            delegate.transferInitiated(event);
        }
    }

    @Override
    public void transferStarted(TransferEvent event) throws TransferCancelledException {
        TransferResource resource = event.getResource();
        watch.started(resource);
        cancelPastDeadline();
        if (resource.getContentLength() > maxBytes) {
            refuse(resource, "the server declared " + resource.getContentLength() + " bytes");
        }
        if (delegate != null) {
            delegate.transferStarted(event);
        }
    }

    @Override
    public void transferProgressed(TransferEvent event) throws TransferCancelledException {
        TransferResource resource = event.getResource();
        watch.progressed(resource, event.getTransferredBytes());
        cancelPastDeadline();
        if (event.getTransferredBytes() > maxBytes) {
            refuse(resource, "cancelled after " + event.getTransferredBytes() + " bytes");
        }
        if (delegate != null) {
            delegate.transferProgressed(event);
        }
    }

    @Override
    public void transferCorrupted(TransferEvent event) throws TransferCancelledException {
        if (delegate != null) {
            delegate.transferCorrupted(event);
        }
    }

    @Override
    public void transferSucceeded(TransferEvent event) {
        if (delegate != null) {
            delegate.transferSucceeded(event);
        }
    }

    @Override
    public void transferFailed(TransferEvent event) {
        if (delegate != null) {
            delegate.transferFailed(event);
        }
    }

    private void cancelPastDeadline() throws TransferCancelledException {
        if (watch.cancelled()) {
            throw new TransferCancelledException("transfer cancelled: the deadline for resolving descriptors passed"
                    + " (resolveTimeout)");
        }
    }

    private void refuse(TransferResource resource, String what) throws TransferCancelledException {
        String words = "transfer cancelled: more than " + Sizes.words(maxBytes) + " (the descriptor limit): " + what;
        watch.refused(resource, words);
        throw new TransferCancelledException(words);
    }
}
