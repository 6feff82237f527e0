import dev.openaccess.core.Describer;
import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Describes safetensors files of 1 GB, 10 GB, 100 GB and 1 TB, end to end (find, read, estimate, assess) with the
 * digest off (the digest is the one part that reads every byte, by design): sparse files holding a valid header
 * and nothing else on disk. Header-only reading makes the time and the memory the same whatever the size: for each
 * size it prints the mean time per describe, the bytes allocated per describe and the heap's peak, under the 32 MiB
 * heap sparse-read.sh gives it. Run with sparse-read.sh.
 */
public class SparseRead {

    private static final long GB = 1_000_000_000L;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("openaccess-sparse");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        try {
            Describer describer = new Describer();
            for (long size : new long[] {GB, 10 * GB, 100 * GB, 1000 * GB}) {
                String name = (size / GB) + "gb.safetensors";
                long onDisk = writeSparse(dir.resolve(name), size);
                Describer.Request request = new Describer.Request(dir, List.of(name), true, List.of(),
                        new Subject("org.example", "sparse", "1.0", "jar", null), null, EstimateSettings.defaults(),
                        false, HardwareCatalog.defaults(), null);
                for (int i = 0; i < 200; i++) {
                    describer.describe(request); // warm-up
                }
                System.gc();
                heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                int runs = 2_000;
                long allocated = threads.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                Descriptor descriptor = null;
                for (int i = 0; i < runs; i++) {
                    descriptor = describer.describe(request).descriptor();
                }
                double micros = (System.nanoTime() - start) / 1e3 / runs;
                long perDescribe = (threads.getCurrentThreadAllocatedBytes() - allocated) / runs;
                long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                System.out.printf("%,17d bytes (%,6d KiB on disk): %,15d parameters, tier %-22s %5.0f µs per describe,"
                                + " %,7d bytes allocated per describe, heap peak %2d MiB of %d MiB%n",
                        Files.size(dir.resolve(name)), onDisk >> 10, descriptor.models().get(0).parameters().total(),
                        descriptor.readiness().tier(), micros, perDescribe, peak >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
                Files.delete(dir.resolve(name));
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    /** A safetensors file of {@code size} bytes: one BF16 tensor filling it, no data blocks written. */
    private static long writeSparse(Path file, long size) throws Exception {
        long elements = (size - 1024) / 2;
        String header = "{\"weight\":{\"dtype\":\"BF16\",\"shape\":[" + elements + "],\"data_offsets\":[0,"
                + 2 * elements + "]}}";
        header += " ".repeat(1024 - 8 - header.length()); // header + padding = 1 KiB, so the file is exactly `size`
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
            raf.write(json);
            raf.setLength(8 + json.length + 2 * elements);
        }
        return allocatedBytes(file);
    }

    /** Bytes the file really occupies on disk (st_blocks × 512), from {@code stat}; 0 where unavailable. */
    private static long allocatedBytes(Path file) throws Exception {
        Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).redirectErrorStream(true).start();
        String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return stat.waitFor() == 0 && out.matches("\\d+") ? Long.parseLong(out) * 512 : 0;
    }
}
