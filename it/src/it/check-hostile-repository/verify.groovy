// Each misbehaviour of the repository ends the first build within resolveTimeout, as a repository failure (or, for the
// broken JSON, invalid) naming the repository, its URL and what happened; nothing of a cancelled or abandoned
// transfer is left in the local repository; the invalid descriptor was removed, and the next build asked for it again.
// Writes target/scenario-times.txt: how long each request held the server, and each build's figures.
import groovy.json.JsonSlurper

def props = new Properties()
new File(basedir, 'hostile.properties').withInputStream { props.load(it) }
try {
    def url = "http://127.0.0.1:${props.port}/repo"
    def repo = "it-hostile (${url})"
    // build.log holds the three builds one after the other
    def builds = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
    assert builds.size() == 3

    // 1. Within the deadline: 8 s, and a second of grace for cancelled transfers to end.
    def first = builds[0]
    def checked = (first =~ /openaccess: 8 dependencies checked in (\d+) ms/)
    assert checked.find()
    long millis = checked.group(1) as long
    assert millis >= 8000 && millis < 8000 + 1000 + 4000: "checked in ${millis} ms"
    def report = new JsonSlurper().parse(new File(basedir, 'target/openaccess-dependencies.json'))
    def byName = report.dependencies.collectEntries { [(it.artifact - 'dev.openaccess.it.hostile:' - ':1.0'): it] }
    assert byName.keySet() == ['chunked', 'drip-body', 'drip-headers', 'invalid', 'oversized', 'redirect-loop',
                               'server-error', 'unauthorized'] as Set
    byName.each { name, dependency ->
        assert dependency.status == (name == 'invalid' ? 'invalid' : 'repository-failure'): dependency
    }
    def detail = { byName[it].detail as String }
    assert detail('drip-headers') == "no answer from ${repo} within 8 s (resolveTimeout): the response had not begun" +
            ' (no status line and headers yet)'
    assert detail('drip-body') ==~ /no answer from \Q${repo}\E within 8 s \(resolveTimeout\): \d+ of 1048576 bytes had arrived/
    assert detail('oversized') == "${repo}: transfer cancelled: more than 16 MiB (the descriptor limit): the server" +
            ' declared 2147483648 bytes'
    assert detail('chunked') ==~ /\Q${repo}: transfer cancelled: more than 16 MiB (the descriptor limit): cancelled after\E \d+ bytes/
    assert detail('redirect-loop') == "${repo}: circular redirect (back to ${url}/dev/openaccess/it/hostile/redirect-loop/1.0/" +
            'redirect-loop-1.0-openaccess.json)'
    assert detail('server-error') == "${repo}: HTTP 500 Internal Server Error"
    assert detail('unauthorized') == "${repo}: HTTP 401 Unauthorized: check the credentials for it-hostile in" +
            ' settings.xml (a <server> with the id it-hostile)'
    def cached = new File(localRepositoryPath, 'dev/openaccess/it/hostile/invalid/1.0/invalid-1.0-openaccess.json')
    assert detail('invalid').startsWith('dev.openaccess.it.hostile:invalid:1.0 descriptor: not valid JSON')
    assert detail('invalid').endsWith("; downloaded from ${repo}: removed the cached copy ${cached.absolutePath};" +
            " the next build asks ${repo} again")
    // one line each, in the log as in the report, no exception class names, no stack trace
    byName.each { name, dependency ->
        assert first.contains("dev.openaccess.it.hostile:${name}:1.0: ${name == 'invalid' ? 'invalid descriptor' : 'repository failure'}: ${dependency.detail}\n")
    }
    assert !(first =~ /(?m)^\[(WARNING|ERROR)\] openaccess: .*Exception/)
    assert !first.contains('\tat ')
    assert first.contains("Downloading from it-hostile: ${url}/dev/openaccess/it/hostile/drip-body/") // Maven's own output

    // 2. Nothing of the cancelled or abandoned transfers in the local repository: no descriptor, no temporary file.
    def group = new File(localRepositoryPath, 'dev/openaccess/it/hostile')
    def left = []
    group.eachFileRecurse(groovy.io.FileType.FILES) { file ->
        if (file.name.endsWith('-openaccess.json') || file.name.contains('.tmp') || file.name.endsWith('.part')) {
            left << file
        }
    }
    assert left == []

    // 3. The next build asked again for the invalid descriptor the first removed: two GETs in the server's log; and
    // gave up the silent server after the read timeout the user set (1.5 s), not the plugin's default (20 s).
    def requests = new File(basedir, 'target/requests.log').readLines()
    assert requests.count { it ==~ /\s*\d+ GET \/repo\/dev\/openaccess\/it\/hostile\/invalid\/1\.0\/invalid-1\.0-openaccess\.json/ } == 2
    def again = new JsonSlurper().parse(new File(basedir, 'again/target/openaccess-dependencies.json'))
    def second = again.dependencies.collectEntries { [(it.artifact - 'dev.openaccess.it.hostile:' - ':1.0'): it] }
    assert second.invalid.status == 'invalid'
    assert second.invalid.detail.contains("removed the cached copy ${cached.absolutePath}")
    assert second.silent.status == 'repository-failure'
    assert second.silent.detail == "${repo}: read timed out after 1.5 s"
    def secondChecked = (builds[1] =~ /openaccess: 2 dependencies checked in (\d+) ms/)
    assert secondChecked.find() && (secondChecked.group(1) as long) < 10_000
    assert !cached.exists()

    // 4. A resolveTimeout that is not a duration: one line naming the parameter.
    assert builds[2].contains("openaccess: resolveTimeout 'soon' is not a duration: write seconds (60) or a whole" +
            ' number with ms, s or m (500ms, 60s, 2m)')
    assert !builds[2].contains('\tat ')

    // The figures: each request's time at the server, each build's wall and check time.
    def times = new StringBuilder()
    def starts = [:]
    requests.each { line ->
        def get = line =~ /^\s*(\d+) GET (\S+)$/
        def end = line =~ /^\s*(\d+) END (\S+) after (\d+) ms: (.*)$/
        if (get.matches()) {
            starts[get.group(2)] = get.group(1)
        } else if (end.matches()) {
            times << String.format('%-60s %6s ms  %s%n', end.group(2) - '/repo/dev/openaccess/it/hostile/',
                    end.group(3), end.group(4))
        }
    }
    builds.eachWithIndex { build, i ->
        def total = build =~ /Total time:\s+(\S+ \S+)/
        def check = build =~ /dependencies checked in (\d+) ms/
        times << "build ${i + 1}: total ${total.find() ? total.group(1) : '?'}, check ${check.find() ? check.group(1) + ' ms' : '-'}\n"
    }
    new File(basedir, 'target/scenario-times.txt').text = times.toString()
    println times
} finally {
    try {
        new URL("http://127.0.0.1:${props.port}/shutdown").text
    } catch (IOException e) {
        // already stopped
    }
}
return true
