import dev.openaccess.core.Describer;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.format.ModelFinder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The baseline of the check benchmark: the time to read the headers of the given dependency files in one fresh JVM,
 * with the same readers and nothing else (no digest, no cache, no repository, no policy): for each file, find its
 * models (an archive's central directory and the heads of entries named like models) and read them header-only.
 * Prints the milliseconds from the first file to the last, and how many files held models.
 *
 * <p>Run with the core jar and its dependencies on the class path: {@code java -cp ... ReadHeaders.java FILE...}.
 */
public final class ReadHeaders {

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        int withModels = 0;
        for (String arg : args) {
            Path file = Path.of(arg).toAbsolutePath();
            String name = file.getFileName().toString();
            if (new ModelFinder(file.getParent()).find(List.of(name), false).isEmpty()) {
                continue;
            }
            Describer.Models models = new Describer().readModels(new Describer.Request(file.getParent(),
                    List.of(name), false, List.of(), new Subject("g", "a", "1", "jar", null), null,
                    EstimateSettings.defaults(), false, HardwareCatalog.defaults(), null));
            if (!models.entries().isEmpty()) {
                withModels++;
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("read the headers of " + args.length + " files (" + withModels + " with models) in "
                + millis + " ms");
    }
}
