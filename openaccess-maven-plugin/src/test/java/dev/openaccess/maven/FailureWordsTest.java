package dev.openaccess.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.apache.http.ConnectionClosedException;
import org.apache.http.HttpHost;
import org.apache.http.NoHttpResponseException;
import org.apache.http.client.CircularRedirectException;
import org.apache.http.client.ClientProtocolException;
import org.apache.http.client.HttpResponseException;
import org.apache.http.client.RedirectException;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.HttpHostConnectException;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.transfer.ChecksumFailureException;
import org.eclipse.aether.transfer.RepositoryOfflineException;
import org.eclipse.aether.transfer.TransferCancelledException;
import org.junit.jupiter.api.Test;

/** The transport's real exceptions (HttpClient 4.5, as Maven 3.9 ships it), wrapped as the resolver wraps them. */
class FailureWordsTest {

    private static final RemoteRepository REPOSITORY =
            new RemoteRepository.Builder("corp", "default", "https://repo.example.com/maven2").build();

    private static String words(Throwable cause) {
        // as DefaultArtifactResolver reports it: the transport's exception inside an ArtifactTransferException
        Throwable wrapped = new ArtifactTransferException(new DefaultArtifact("g:a:json:openaccess:1"), REPOSITORY,
                cause);
        String words = FailureWords.of(wrapped, "corp", Duration.ofSeconds(10), Duration.ofSeconds(20));
        assertFalse(words.contains("Exception"), words);
        return words;
    }

    @Test
    void timeouts() {
        assertEquals("read timed out after 20 s", words(new SocketTimeoutException("Read timed out")));
        assertEquals("connect timed out after 10 s", words(new ConnectTimeoutException(
                "Connect to repo.example.com:443 [repo.example.com/10.0.0.1] failed: connect timed out")));
        assertEquals("connect timed out after 10 s", words(new SocketTimeoutException("connect timed out")));
    }

    @Test
    void connections() {
        assertEquals("connection refused", words(new HttpHostConnectException(
                new ConnectException("Connection refused"), new HttpHost("127.0.0.1", 1))));
        assertEquals("unknown host repo.example.invalid", words(new UnknownHostException("repo.example.invalid")));
        assertEquals("the server closed the connection without answering",
                words(new NoHttpResponseException("repo.example.com:443 failed to respond")));
        assertEquals("connection reset by the server", words(new SocketException("Connection reset")));
        assertEquals("the server closed the connection before the body was complete: Premature end of"
                + " Content-Length delimited message body (expected: 100; received: 7)", words(
                new ConnectionClosedException("Premature end of Content-Length delimited message body (expected:"
                        + " 100; received: 7)")));
        assertEquals("TLS failed: PKIX path building failed",
                words(new SSLHandshakeException("PKIX path building failed")));
    }

    @Test
    void redirects() {
        assertEquals("circular redirect (back to https://repo.example.com/a.json)", words(new ClientProtocolException(
                new CircularRedirectException("Circular redirect to 'https://repo.example.com/a.json'"))));
        assertEquals("more than 50 redirects",
                words(new ClientProtocolException(new RedirectException("Maximum redirects (50) exceeded"))));
    }

    @Test
    void statuses() {
        assertEquals("HTTP 500 Internal Server Error",
                words(new HttpResponseException(500, "Internal Server Error (500)")));
        assertEquals("HTTP 502 Bad Gateway", words(new HttpResponseException(502, "")));
        assertEquals("HTTP 401 Unauthorized: check the credentials for corp in settings.xml (a <server> with the id"
                + " corp)", words(new HttpResponseException(401, "Unauthorized (401)")));
        assertEquals("HTTP 403 Forbidden: check the credentials for corp in settings.xml (a <server> with the id"
                + " corp)", words(new HttpResponseException(403, "Forbidden (403)")));
        assertEquals("HTTP 407 Proxy Authentication Required: check the proxy's credentials in settings.xml"
                + " (<proxies>)", words(new HttpResponseException(407, "Proxy Authentication Required (407)")));
        // Wagon's wording, matched by its text
        assertEquals("HTTP 503 Service Unavailable",
                words(new IOException("Transfer failed for https://repo.example.com/a.json 503 Service Unavailable")));
    }

    @Test
    void cancelledOfflineAndChecksums() {
        assertEquals("transfer cancelled: more than 16 MiB (the descriptor limit): the server declared 2147483648"
                + " bytes", words(new TransferCancelledException("transfer cancelled: more than 16 MiB (the descriptor"
                + " limit): the server declared 2147483648 bytes")));
        assertEquals("offline and not in the local repository", words(new RepositoryOfflineException(REPOSITORY)));
        assertEquals("checksum mismatch: Checksum validation failed, expected abc but is def",
                words(new ChecksumFailureException("Checksum validation failed, expected abc but is def")));
    }

    @Test
    void noBareClassNames() {
        // HttpClient wraps a protocol error without a message of its own: ClientProtocolException(cause)
        assertEquals("client protocol failure, with no message", words(new ClientProtocolException()));
        assertEquals("Invalid Content-Range header for partial download: bytes x",
                words(new IOException("Invalid Content-Range header for partial download: bytes x")));
        assertEquals("some.Thing broke", words(new IOException(new IllegalStateException("some.Thing broke"))));
    }
}
