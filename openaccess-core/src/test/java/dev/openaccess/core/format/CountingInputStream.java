package dev.openaccess.core.format;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the bytes a reader reads from a stream, and separately those it skips (a seek on a file). */
final class CountingInputStream extends FilterInputStream {

    private final AtomicLong read;
    private final AtomicLong skipped;

    /** Counts reads into {@code read} and skips into {@code skipped}; pass one counter twice to count both. */
    CountingInputStream(InputStream in, AtomicLong read, AtomicLong skipped) {
        super(in);
        this.read = read;
        this.skipped = skipped;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            read.incrementAndGet();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            read.addAndGet(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long count = super.skip(n);
        skipped.addAndGet(count);
        return count;
    }
}
