package dev.openaccess.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.junit.jupiter.api.Test;

class TimeoutsTest {

    @Test
    void setsBothNamesOfBothTimeoutsWhereTheUserSetNone() {
        DefaultRepositorySystemSession session = Timeouts.withDefaults(new DefaultRepositorySystemSession());
        assertEquals(10000, session.getConfigProperties().get("aether.connector.connectTimeout"));
        assertEquals(10000, session.getConfigProperties().get("aether.transport.http.connectTimeout"));
        assertEquals(20000, session.getConfigProperties().get("aether.connector.requestTimeout"));
        assertEquals(20000, session.getConfigProperties().get("aether.transport.http.requestTimeout"));
        assertEquals(Duration.ofSeconds(20), Timeouts.request(session, "central"));
        assertEquals(Duration.ofSeconds(10), Timeouts.connect(session, "central"));
    }

    @Test
    void neverOverridesTheUsersValueUnderEitherName() {
        DefaultRepositorySystemSession user = new DefaultRepositorySystemSession();
        user.setConfigProperty("aether.connector.requestTimeout", "1500"); // as -D puts it: a string
        user.setConfigProperty("aether.transport.http.connectTimeout", 3000);
        user.setConfigProperty("aether.connector.requestTimeout.corp", "90000");
        DefaultRepositorySystemSession session = Timeouts.withDefaults(user);
        assertEquals("1500", session.getConfigProperties().get("aether.connector.requestTimeout"));
        assertEquals(1500, session.getConfigProperties().get("aether.transport.http.requestTimeout"));
        assertEquals(3000, session.getConfigProperties().get("aether.transport.http.connectTimeout"));
        assertEquals(3000, session.getConfigProperties().get("aether.connector.connectTimeout"));
        assertEquals("90000", session.getConfigProperties().get("aether.connector.requestTimeout.corp"));
        assertEquals(Duration.ofMillis(1500), Timeouts.request(session, "central"));
        assertEquals(Duration.ofSeconds(90), Timeouts.request(session, "corp")); // the repository's own wins
        assertEquals(Duration.ofSeconds(3), Timeouts.connect(session, "corp"));
        // the user's session itself is left as it was
        assertEquals(null, user.getConfigProperties().get("aether.transport.http.requestTimeout"));
    }
}
