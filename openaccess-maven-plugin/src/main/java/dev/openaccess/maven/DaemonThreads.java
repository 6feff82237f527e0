package dev.openaccess.maven;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Numbered daemon threads for the goals' worker pools: a worker left behind (a transfer past its deadline) never keeps
 * Maven from exiting. Each inherits its creator's context class loader, the mojo's, so that what it loads resolves as
 * on the mojo's own thread.
 */
final class DaemonThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    DaemonThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
