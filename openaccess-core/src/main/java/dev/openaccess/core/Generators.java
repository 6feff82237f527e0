package dev.openaccess.core;

import dev.openaccess.core.descriptor.Generator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** This library as the generator of a descriptor: its name and the version it was built as. */
public final class Generators {

    public static final String NAME = "openaccess";

    private Generators() {
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
