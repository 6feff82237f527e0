package dev.openaccess.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * One job per item on as many threads as the machine has cores, the results in the items' order: the dependencies'
 * files are surveyed, read and judged side by side, each job independent of the others.
 */
final class SideBySide {

    private SideBySide() {
    }

    static <T, R> List<R> map(List<T> items, Function<T, R> job) {
        int threads = Math.min(items.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            List<R> results = new ArrayList<>(items.size());
            items.forEach(item -> results.add(job.apply(item)));
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, new DaemonThreads("openaccess-reading"));
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> job.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the dependencies were read", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
