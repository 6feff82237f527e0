import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Writes dependencies that publish no descriptor into a Maven repository layout for the check benchmark, as the
 * world is today: {@code models} model jars, each the template jar's entries plus one entry naming its number (so
 * every jar has its own bytes and SHA-256, and no reading can be shared), and {@code plain} plain library jars of
 * {@code classes} made-up class files each. Every artifact gets a minimal pom under the Apache-2.0 licence.
 *
 * <p>Arguments: template jar, repository folder, group id, models, plain jars, classes per plain jar.
 */
public final class GenerateUnpublished {

    public static void main(String[] args) throws IOException {
        Path template = Path.of(args[0]);
        Path repository = Path.of(args[1]);
        String group = args[2];
        int models = Integer.parseInt(args[3]);
        int plain = Integer.parseInt(args[4]);
        int classes = Integer.parseInt(args[5]);
        for (int i = 1; i <= models; i++) {
            Path jar = artifact(repository, group, "model-" + i);
            try (ZipFile source = new ZipFile(template.toFile());
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
                for (Enumeration<? extends ZipEntry> entries = source.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    source.getInputStream(entry).transferTo(out);
                    out.closeEntry();
                }
                write(out, "META-INF/benchmark/copy.txt", ("copy " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        for (int i = 1; i <= plain; i++) {
            Path jar = artifact(repository, group, "library-" + i);
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
                write(out, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
                for (int c = 0; c < classes; c++) {
                    byte[] bytes = new byte[2048 + (c * 37 + i) % 2048]; // class-sized, of varying length
                    bytes[0] = (byte) 0xCA;
                    bytes[1] = (byte) 0xFE;
                    bytes[2] = (byte) 0xBA;
                    bytes[3] = (byte) 0xBE;
                    write(out, "org/example/library" + i + "/Type" + c + ".class", bytes);
                }
            }
        }
    }

    private static Path artifact(Path repository, String group, String artifact) throws IOException {
        Path dir = repository.resolve(group.replace('.', '/')).resolve(artifact).resolve("1.0");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(artifact + "-1.0.pom"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                + "<modelVersion>4.0.0</modelVersion><groupId>" + group + "</groupId><artifactId>" + artifact
                + "</artifactId><version>1.0</version><licenses><license><name>Apache-2.0</name></license>"
                + "</licenses></project>\n");
        return dir.resolve(artifact + "-1.0.jar");
    }

    private static void write(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
