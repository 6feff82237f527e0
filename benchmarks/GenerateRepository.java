import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code count} model artifacts into a Maven repository layout for the check benchmark: each a copy of one
 * real jar with its real descriptor, the descriptor's coordinates rewritten to the copy's (its digest stays right,
 * the bytes being the same), and a minimal pom.
 *
 * <p>Arguments: template descriptor, template jar, its coordinates ({@code group:artifact:version}), repository
 * folder, group id of the copies, count.
 */
public final class GenerateRepository {

    public static void main(String[] args) throws IOException {
        String descriptor = Files.readString(Path.of(args[0]));
        byte[] jar = Files.readAllBytes(Path.of(args[1]));
        String[] template = args[2].split(":");
        Path repository = Path.of(args[3]);
        String group = args[4];
        int count = Integer.parseInt(args[5]);
        for (int i = 1; i <= count; i++) {
            String artifact = "model-" + i;
            Path dir = repository.resolve(group.replace('.', '/')).resolve(artifact).resolve("1.0");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(artifact + "-1.0.pom"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                    + "<modelVersion>4.0.0</modelVersion><groupId>" + group + "</groupId><artifactId>" + artifact
                    + "</artifactId><version>1.0</version></project>\n");
            Files.write(dir.resolve(artifact + "-1.0.jar"), jar);
            Files.writeString(dir.resolve(artifact + "-1.0-openaccess.json"), descriptor
                    .replace(template[0] + ":" + template[1] + ":" + template[2], group + ":" + artifact + ":1.0")
                    .replace("\"groupId\": \"" + template[0] + "\"", "\"groupId\": \"" + group + "\"")
                    .replace("\"artifactId\": \"" + template[1] + "\"", "\"artifactId\": \"" + artifact + "\"")
                    .replace("\"version\": \"" + template[2] + "\"", "\"version\": \"1.0\""));
        }
    }
}
