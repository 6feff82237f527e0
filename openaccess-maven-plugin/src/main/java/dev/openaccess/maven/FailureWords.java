package dev.openaccess.maven;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.aether.transfer.ChecksumFailureException;
import org.eclipse.aether.transfer.RepositoryOfflineException;
import org.eclipse.aether.transfer.TransferCancelledException;

/**
 * Why a repository could not be asked, in plain words, from the cause chain of the resolver's exception: "read timed
 * out after 20 s", "connection refused", "HTTP 500 Internal Server Error", never a bare exception class name.
 *
 * <p>The transports' exceptions (Apache HttpClient's, Wagon's) are matched by class name: the plugin's class realm
 * does not see those classes, so they cannot be named as types here.
 */
final class FailureWords {

    /** HttpClient's {@code HttpResponseException}: {@code Internal Server Error (500)}, after the last colon. */
    private static final Pattern STATUS_IN_MESSAGE = Pattern.compile("([^:]*?)\\s*\\((\\d{3})\\)\\s*$");
    private static final Pattern STATUS_CODE_PHRASE =
            Pattern.compile("status code: (\\d{3}), reason phrase: ([^(]*?)\\s*(?:\\(\\d{3}\\))?$");
    private static final Pattern WAGON_STATUS =
            Pattern.compile("(?:Transfer|Authorization|Authentication) failed for \\S+ (\\d{3})\\s*(.*)$");
    private static final Pattern MAX_REDIRECTS = Pattern.compile("\\((\\d+)\\)");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final int MAX_CAUSES = 32;

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(407,
                    "Proxy Authentication Required"), Map.entry(408, "Request Timeout"), Map.entry(410, "Gone"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private FailureWords() {
    }

    /**
     * @param repositoryId the repository asked, for the advice on credentials
     * @param connect      the connect timeout in force for it
     * @param read         the read timeout in force for it
     */
    static String of(Throwable error, String repositoryId, Duration connect, Duration read) {
        List<Throwable> chain = chain(error);
        for (Throwable cause : chain) {
            if (cause instanceof TransferCancelledException) {
                return present(cause.getMessage()) ? clean(cause.getMessage()) : "transfer cancelled";
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof RepositoryOfflineException) {
                return "offline and not in the local repository";
            }
        }
        for (Throwable cause : chain) {
            String name = cause.getClass().getName();
            if (name.endsWith(".CircularRedirectException")) {
                Matcher target = QUOTED.matcher(String.valueOf(cause.getMessage()));
                return "circular redirect" + (target.find() ? " (back to " + target.group(1) + ")" : "");
            }
            if (name.endsWith(".RedirectException")) {
                Matcher count = MAX_REDIRECTS.matcher(String.valueOf(cause.getMessage()));
                return count.find() ? "more than " + count.group(1) + " redirects" : "too many redirects";
            }
        }
        for (Throwable cause : reversed(chain)) { // the transport's own exception first, not a wrapper's text
            String status = status(cause, repositoryId);
            if (status != null) {
                return status;
            }
        }
        for (Throwable cause : chain) {
            String name = cause.getClass().getName();
            String message = String.valueOf(cause.getMessage());
            if (name.endsWith(".ConnectTimeoutException") || name.endsWith(".HttpConnectTimeoutException")
                    || cause instanceof SocketTimeoutException
                    && message.toLowerCase(Locale.ROOT).contains("connect")) {
                return "connect timed out after " + Durations.words(connect);
            }
            if (cause instanceof SocketTimeoutException) {
                return "read timed out after " + Durations.words(read);
            }
            if (name.equals("java.net.http.HttpTimeoutException")) {
                return "no response within " + Durations.words(read) + " (the request timeout)";
            }
        }
        for (Throwable cause : chain) {
            String name = cause.getClass().getName();
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof UnknownHostException) {
                return "unknown host " + clean(message);
            }
            if (cause instanceof ConnectException) {
                return message.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused"
                        : "cannot connect: " + clean(message);
            }
            if (cause instanceof SSLException) {
                return "TLS failed: " + clean(message);
            }
            if (name.endsWith(".NoHttpResponseException")) {
                return "the server closed the connection without answering";
            }
            if (name.endsWith(".ConnectionClosedException") || name.endsWith(".MalformedChunkCodingException")
                    || name.endsWith(".TruncatedChunkException")) {
                return "the server closed the connection before the body was complete: " + clean(message);
            }
            if (cause instanceof SocketException && message.toLowerCase(Locale.ROOT).contains("reset")) {
                return "connection reset by the server";
            }
            if (cause instanceof ChecksumFailureException) {
                return "checksum mismatch: " + clean(message);
            }
            if (message.contains("Could not acquire")) {
                return "the resolver's lock on the descriptor was not free in time (another download of it was"
                        + " running): " + clean(message);
            }
        }
        return fallback(chain);
    }

    /** "HTTP 500 Internal Server Error", with advice for 401, 403 and 407; null when {@code cause} holds no status. */
    private static String status(Throwable cause, String repositoryId) {
        Integer code = statusCode(cause);
        String reason = null;
        String message = cause.getMessage() == null ? "" : cause.getMessage().trim();
        Matcher inMessage = STATUS_IN_MESSAGE.matcher(message);
        Matcher codePhrase = STATUS_CODE_PHRASE.matcher(message);
        Matcher wagon = WAGON_STATUS.matcher(message);
        if (codePhrase.find()) {
            code = code != null ? code : Integer.valueOf(codePhrase.group(1));
            reason = codePhrase.group(2);
        } else if (wagon.find()) {
            code = code != null ? code : Integer.valueOf(wagon.group(1));
            reason = wagon.group(2);
        } else if (inMessage.find() && (code == null || code.equals(Integer.valueOf(inMessage.group(2))))) {
            code = Integer.valueOf(inMessage.group(2));
            reason = inMessage.group(1);
        }
        if (code == null || code < 300 || code > 599) {
            return null;
        }
        if (!present(reason) || reason.contains("Exception")) {
            reason = REASONS.getOrDefault(code, "");
        }
        String words = ("HTTP " + code + " " + reason.trim()).trim();
        if (code == 401 || code == 403) {
            return words + ": check the credentials for " + repositoryId + " in settings.xml (a <server> with the id "
                    + repositoryId + ")";
        }
        if (code == 407) {
            return words + ": check the proxy's credentials in settings.xml (<proxies>)";
        }
        return words;
    }

    /** The status of HttpClient's {@code HttpResponseException} or resolver 2's {@code HttpTransporterException}. */
    private static Integer statusCode(Throwable cause) {
        try {
            Method method = cause.getClass().getMethod("getStatusCode");
            Object value = method.invoke(cause);
            return value instanceof Integer number ? number : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The innermost message of the transport's exceptions; for a chain without any, the innermost one's class name in
     * words. The resolver's wrappers come last: their messages repeat a cause's, or its bare class name.
     */
    private static String fallback(List<Throwable> chain) {
        List<Throwable> transport = chain.stream().filter(cause -> !cause.getClass().getName()
                .startsWith("org.eclipse.aether.")).toList();
        for (Throwable cause : reversed(transport)) {
            String message = cause.getMessage();
            if (present(message) && !message.equals(String.valueOf(cause.getCause()))) {
                return clean(message);
            }
        }
        if (!transport.isEmpty()) {
            String name = transport.get(transport.size() - 1).getClass().getSimpleName().replaceAll("Exception$", "");
            return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT) + " failure, with no message";
        }
        for (Throwable cause : reversed(chain)) {
            if (present(cause.getMessage())) {
                return clean(cause.getMessage());
            }
        }
        return "failed, with no message";
    }

    private static List<Throwable> reversed(List<Throwable> chain) {
        List<Throwable> reversed = new ArrayList<>(chain);
        Collections.reverse(reversed);
        return reversed;
    }

    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = error; cause != null && seen.add(cause) && chain.size() < MAX_CAUSES;
             cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    /** One line, without a leading exception class name ({@code java.net.Foo: text}). */
    private static String clean(String message) {
        String line = message.replaceAll("\\s+", " ").trim();
        return line.replaceFirst("^([a-z][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error): ", "");
    }
}
