import dev.openaccess.core.format.ModelFacts;
import dev.openaccess.core.format.ModelSource;
import dev.openaccess.core.format.SafetensorsReader;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures reading a 100 GB safetensors file: a sparse file with a valid header declaring 100 GB of BF16 data.
 * Header-only reading makes the time and memory independent of the file's size. Run with sparse-read.sh.
 */
public class SparseRead {

    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("sparse-100gb", ".safetensors");
        try {
            long elements = 50_000_000_000L;
            String header = "{\"weight\":{\"dtype\":\"BF16\",\"shape\":[" + elements + "],\"data_offsets\":[0,"
                    + 2 * elements + "]}}";
            header += " ".repeat((8 - header.length() % 8) % 8);
            byte[] json = header.getBytes(StandardCharsets.UTF_8);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
                raf.write(json);
                raf.setLength(8 + json.length + 2 * elements);
            }
            SafetensorsReader reader = new SafetensorsReader();
            ModelSource source = ModelSource.ofFile(file, "sparse-100gb.safetensors");
            for (int i = 0; i < 1_000; i++) {
                reader.read(source); // warm-up
            }
            int runs = 10_000;
            long start = System.nanoTime();
            ModelFacts facts = null;
            for (int i = 0; i < runs; i++) {
                facts = reader.read(source);
            }
            double micros = (System.nanoTime() - start) / 1e3 / runs;
            Runtime runtime = Runtime.getRuntime();
            System.out.printf("file %,d bytes, %,d parameters, %,d weight bytes%n", Files.size(file),
                    facts.parameters().total(), facts.weightsBytes());
            System.out.printf("%.1f µs per read (mean of %,d), max heap %d MiB, heap in use %d MiB%n", micros, runs,
                    runtime.maxMemory() >> 20, (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
