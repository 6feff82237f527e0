// Starts a misbehaving HTTP repository on a free loopback port (in this JVM, on daemon threads; it stops itself after
// LIFETIME_MS, and verify.groovy stops it with GET /shutdown), tells the builds its URL through .mvn/maven.config, and
// puts the fake dependencies (pom + a jar holding a tiny safetensors model) straight into the local repository, so
// that only their descriptors are asked of the server. Each dependency's artifactId names what the server does with
// the request for its descriptor. Every request, and the end of every connection, is logged to target/requests.log.
import java.nio.charset.StandardCharsets
import java.security.MessageDigest
import java.util.concurrent.ConcurrentHashMap
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

class HostileRepository {
    static final long LIFETIME_MS = 150_000
    static final String PREFIX = '/repo/dev/openaccess/it/hostile/'
    static final long HUGE = 2L * 1024 * 1024 * 1024 // 2 GiB
    // The transport reads a cancelled body to its end before it closes the connection: less of it, less CPU.
    static final long CHUNKED = 256L * 1024 * 1024
    static final byte[] INVALID = '{ not json'.getBytes(StandardCharsets.UTF_8)

    final ServerSocket server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress())
    final File log
    final long born = System.nanoTime()
    final Set<Socket> open = ConcurrentHashMap.newKeySet()
    volatile boolean stopped

    HostileRepository(File log) {
        this.log = log
    }

    int getPort() { server.localPort }

    static void daemon(String name, Closure body) {
        Thread thread = new Thread(body as Runnable, name)
        thread.daemon = true
        thread.start()
    }

    void start() {
        daemon('hostile-accept') {
            while (!stopped) {
                Socket socket
                try {
                    socket = server.accept()
                } catch (IOException e) {
                    break
                }
                open << socket
                daemon('hostile-connection') {
                    try {
                        serve(socket)
                    } catch (Exception e) {
                        // the client went away
                    } finally {
                        open.remove(socket)
                        socket.close()
                    }
                }
            }
        }
        daemon('hostile-watchdog') {
            long end = System.nanoTime() + LIFETIME_MS * 1_000_000
            while (!stopped && System.nanoTime() < end) {
                Thread.sleep(100)
            }
            if (!stopped) {
                record('WATCHDOG stops the server')
            }
            stop()
        }
    }

    void stop() {
        stopped = true
        server.close()
        open.each { it.close() }
    }

    synchronized void record(String line) {
        log << String.format('%7d %s%n', (long) ((System.nanoTime() - born) / 1_000_000), line)
    }

    void serve(Socket socket) {
        socket.soTimeout = 10_000
        def input = new BufferedInputStream(socket.getInputStream())
        def head = new ByteArrayOutputStream()
        int b
        while ((b = input.read()) >= 0 && head.size() < 16384) {
            head.write(b)
            def text = head.toString('ISO-8859-1')
            if (text.endsWith('\r\n\r\n')) break
        }
        def requestLine = head.toString('ISO-8859-1').readLines()[0] ?: ''
        def parts = requestLine.split(' ')
        if (parts.length < 2) return
        String path = parts[1]
        long started = System.nanoTime()
        record("${parts[0]} ${path}")
        def out = new BufferedOutputStream(socket.getOutputStream(), 65536)
        long sent = 0
        String how = 'answered'
        try {
            if (path == '/shutdown') {
                respond(out, 200, 'OK', 'stopping'.bytes)
                stop()
                return
            }
            def matcher = path =~ /^${PREFIX}([^\/]+)\/1\.0\/([^\/]+)$/
            if (!matcher.matches()) {
                respond(out, 404, 'Not Found', new byte[0])
                return
            }
            String name = matcher.group(1)
            String file = matcher.group(2)
            if (name == 'invalid' && file == 'invalid-1.0-openaccess.json.sha1') {
                sent = respond(out, 200, 'OK', MessageDigest.getInstance('SHA-1').digest(INVALID).encodeHex().toString().bytes)
                return
            }
            if (file != "${name}-1.0-openaccess.json") {
                respond(out, 404, 'Not Found', new byte[0])
                return
            }
            switch (name) {
                case 'drip-headers': // one byte a second of a header that never ends
                    how = 'dripped headers'
                    def bytes = 'HTTP/1.1 200 OK\r\nX-Drip: '.bytes
                    for (long i = 0; !stopped; i++) {
                        out.write(i < bytes.length ? bytes[(int) i] : 0x61) // 'a'
                        out.flush()
                        sent++
                        Thread.sleep(1000)
                    }
                    break
                case 'drip-body': // complete headers, then one byte a second of a 1 MiB body
                    how = 'dripped the body'
                    out.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n'.bytes)
                    out.flush()
                    while (!stopped && sent < 1048576) {
                        out.write(0x20)
                        out.flush()
                        sent++
                        Thread.sleep(1000)
                    }
                    break
                case 'oversized': // declares 2 GiB, sends it as fast as it can
                    how = 'sent the oversized body'
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${HUGE}\r\n\r\n".bytes)
                    def block = new byte[65536]
                    Arrays.fill(block, (byte) 0x20)
                    while (!stopped && sent < HUGE) {
                        out.write(block)
                        sent += block.length
                    }
                    out.flush()
                    break
                case 'chunked': // no length: 1 MiB chunks as fast as it can, up to 256 MiB
                    how = 'sent the chunked body'
                    out.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n'.bytes)
                    def chunk = new byte[1 << 20]
                    Arrays.fill(chunk, (byte) 0x20)
                    def size = "${Integer.toHexString(chunk.length)}\r\n".bytes
                    while (!stopped && sent < CHUNKED) {
                        out.write(size)
                        out.write(chunk)
                        out.write('\r\n'.bytes)
                        sent += chunk.length
                    }
                    out.write('0\r\n\r\n'.bytes)
                    out.flush()
                    break
                case 'invalid':
                    sent = respond(out, 200, 'OK', INVALID)
                    break
                case 'redirect-loop': // back to itself
                    how = 'redirected'
                    respond(out, 302, 'Found', new byte[0], "Location: http://127.0.0.1:${port}${path}\r\n")
                    break
                case 'server-error':
                    sent = respond(out, 500, 'Internal Server Error', 'boom'.bytes)
                    break
                case 'unauthorized':
                    respond(out, 401, 'Unauthorized', new byte[0], 'WWW-Authenticate: Basic realm="hostile"\r\n')
                    break
                case 'silent': // reads the request, never answers
                    how = 'kept silent'
                    while (!stopped && socket.getInputStream().read() >= 0) {
                    }
                    break
                default:
                    respond(out, 404, 'Not Found', new byte[0])
            }
        } catch (IOException e) {
            how += ' until the client closed the connection'
        } finally {
            record("END ${path} after ${(long) ((System.nanoTime() - started) / 1_000_000)} ms: ${how}, ${sent} bytes sent")
        }
    }

    /** A whole response on a connection the server closes; returns the body's length. */
    static long respond(OutputStream out, int status, String reason, byte[] body, String headers = '') {
        out.write(("HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n"
                + headers + '\r\n').getBytes(StandardCharsets.ISO_8859_1))
        out.write(body)
        out.flush()
        return body.length
    }
}

def target = new File(basedir, 'target')
target.mkdirs()
def log = new File(target, 'requests.log')
log.text = ''
def repository = new HostileRepository(log)
repository.start()
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-Dit.hostile.url=http://127.0.0.1:${repository.port}/repo\n"
new File(basedir, 'hostile.properties').text = "port=${repository.port}\n"

// The fake dependencies, untracked in the local repository (so Maven takes them as installed there, and asks the
// repositories for their descriptors only). Leftovers of an earlier run go first.
def st = evaluate(new File(itLib, 'safetensors.groovy'))
def group = new File(localRepositoryPath, 'dev/openaccess/it/hostile')
group.deleteDir()
def model = new File(target, 'model/model.safetensors')
st.write(model, [['w', 'F32', [4, 4]]])
['chunked', 'drip-body', 'drip-headers', 'invalid', 'oversized', 'redirect-loop', 'server-error', 'silent',
 'unauthorized'].each { artifactId ->
    def dir = new File(group, "${artifactId}/1.0")
    dir.mkdirs()
    new File(dir, "${artifactId}-1.0.pom").text = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.openaccess.it.hostile</groupId>
  <artifactId>${artifactId}</artifactId>
  <version>1.0</version>
</project>
"""
    new File(dir, "${artifactId}-1.0.jar").withOutputStream { stream ->
        def zip = new ZipOutputStream(stream)
        zip.putNextEntry(new ZipEntry('models/model.safetensors'))
        zip.write(model.bytes)
        zip.closeEntry()
        zip.close()
    }
}
return true
