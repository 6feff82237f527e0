package dev.openaccess.maven;

import java.time.Duration;
import java.util.Map;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystemSession;

/**
 * Connect and read timeouts for descriptor requests. Maven Resolver waits 30 minutes for a byte by default, so one
 * server that stops answering would hold the build that long; a descriptor is a few kilobytes.
 *
 * <p>Where the keys come from: resolver 1.9 (Maven 3.9), {@code maven-resolver-transport-http/.../HttpTransporter.java}
 * at tag {@code maven-resolver-1.9.24} reads {@code aether.connector.connectTimeout} and
 * {@code aether.connector.requestTimeout}, each first with the suffix {@code .<repoId>}, and uses the request timeout
 * as the socket's read timeout: the longest silence between two packets, not a bound on the whole request. Resolver
 * 2.x (Maven 4), {@code maven-resolver-api/.../ConfigurationProperties.java} at {@code maven-resolver-2.0.9}, renamed
 * them {@code aether.transport.http.connectTimeout} and {@code aether.transport.http.requestTimeout}, with the same
 * suffix rule. Both names are set, as a default only: a value the user set (under either name) is kept, and a
 * per-repository value always wins over these global ones in the resolver's own lookup.
 */
final class Timeouts {

    static final Duration CONNECT = Duration.ofSeconds(10);
    static final Duration REQUEST = Duration.ofSeconds(20);

    static final String[] CONNECT_KEYS = {"aether.connector.connectTimeout", "aether.transport.http.connectTimeout"};
    static final String[] REQUEST_KEYS = {"aether.connector.requestTimeout", "aether.transport.http.requestTimeout"};

    private Timeouts() {
    }

    /** A copy of {@code session} whose configuration has both timeouts under both names. */
    static DefaultRepositorySystemSession withDefaults(RepositorySystemSession session) {
        DefaultRepositorySystemSession copy = new DefaultRepositorySystemSession(session);
        setDefault(copy, CONNECT_KEYS, CONNECT);
        setDefault(copy, REQUEST_KEYS, REQUEST);
        return copy;
    }

    /**
     * The user's value, under whichever name they used, goes under the other name too, so that it holds on either
     * resolver line; with no value, ours goes under both.
     */
    private static void setDefault(DefaultRepositorySystemSession session, String[] keys, Duration fallback) {
        Map<String, Object> config = session.getConfigProperties();
        Integer millis = null;
        for (String key : keys) {
            if (millis == null) {
                millis = millis(config.get(key));
            }
        }
        int value = millis != null ? millis : (int) fallback.toMillis();
        for (String key : keys) {
            if (millis(config.get(key)) == null) {
                session.setConfigProperty(key, value);
            }
        }
    }

    /** The connect timeout the running resolver applies to the repository {@code repositoryId}. */
    static Duration connect(RepositorySystemSession session, String repositoryId) {
        return effective(session, repositoryId, "CONNECT_TIMEOUT", CONNECT_KEYS, CONNECT);
    }

    /** The read (request) timeout the running resolver applies to the repository {@code repositoryId}. */
    static Duration request(RepositorySystemSession session, String repositoryId) {
        return effective(session, repositoryId, "REQUEST_TIMEOUT", REQUEST_KEYS, REQUEST);
    }

    /**
     * The value under the key the running resolver reads: its {@link ConfigurationProperties} constant, looked up
     * reflectively because the compiler copies a constant's value (1.9's) into this class.
     */
    private static Duration effective(RepositorySystemSession session, String repositoryId, String constant,
                                      String[] keys, Duration fallback) {
        String key = keys[0];
        try {
            key = String.valueOf(ConfigurationProperties.class.getField(constant).get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // an API without the constant: the 1.9 name
        }
        Map<String, Object> config = session.getConfigProperties();
        Integer millis = repositoryId == null ? null : millis(config.get(key + "." + repositoryId));
        if (millis == null) {
            millis = millis(config.get(key));
        }
        return millis == null ? fallback : Duration.ofMillis(millis);
    }

    /** As the resolver's {@code ConfigUtils.getInteger} reads a value: a number, or a string holding one. */
    private static Integer millis(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof String text) {
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
