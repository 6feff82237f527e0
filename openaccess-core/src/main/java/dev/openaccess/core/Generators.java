package dev.openaccess.core;

import dev.openaccess.core.descriptor.Generator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;

/** This library as the generator of a descriptor: its name and the version it was built as. */
public final class Generators {

    public static final String NAME = "openaccess";

    private Generators() {
    }

    /**
     * This build of the code {@code anchor} belongs to: openaccess's version, and for a snapshot also the size and
     * modification time of the jar (or classes folder) it runs from, since every snapshot build may differ. What a
     * cache of openaccess's own results is keyed on.
     */
    public static String build(Class<?> anchor) {
        String version = openaccess().version();
        if (version == null || !version.endsWith("-SNAPSHOT")) {
            return version;
        }
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            BasicFileAttributes attributes = Files.readAttributes(location, BasicFileAttributes.class);
            return version + "+" + attributes.size() + "." + attributes.lastModifiedTime().toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return version + "+unknown-build";
        }
    }

    public static Generator openaccess() {
        Properties properties = new Properties();
        try (InputStream in = Generators.class.getResourceAsStream("openaccess.properties")) {
            if (in == null) {
                throw new IllegalStateException("openaccess.properties missing from the core jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Generator(NAME, properties.getProperty("version"));
    }
}
