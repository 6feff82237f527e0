import dev.openaccess.core.digest.Sha256;
import java.nio.file.Path;

/** Hashes a file with openaccess's SHA-256 and prints the seconds it took (the best of three). */
public final class DigestSpeed {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long best = Long.MAX_VALUE;
        String digest = null;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            digest = Sha256.of(file);
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("%.3f %s%n", best / 1e9, digest);
    }
}
