// A safetensors file of one 4 GiB F32 tensor, sparse (no disk used): hashing it takes seconds. A watcher thread in
// the invoker's JVM waits until the build's process has held the file open for 300 ms (the digest, not the header
// read, which takes a moment) and then truncates it to 1 MiB, as a build step still writing it would. It gives up
// after 10 minutes.
import groovy.json.JsonOutput

def file = new File(basedir, 'models/big.safetensors')
file.parentFile.mkdirs()
long data = 4L << 30
def header = JsonOutput.toJson([w: [dtype: 'F32', shape: [data / 4], data_offsets: [0, data]]]).bytes
int padded = (header.length + 7) & ~7
new RandomAccessFile(file, 'rw').withCloseable { raf ->
    def length = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(padded).array()
    raf.write(length)
    raf.write(header)
    raf.write((' ' * (padded - header.length)).bytes)
    raf.setLength(8 + padded + data)
}
def target = file.canonicalPath
def openSince = { ->
    // the processes holding the file open: /proc/<pid>/fd/* links to it
    new File('/proc').listFiles().findAll { it.name ==~ /\d+/ && it.name != "${ProcessHandle.current().pid()}" }.any { proc ->
        new File(proc, 'fd').listFiles()?.any { fd ->
            try { java.nio.file.Files.readSymbolicLink(fd.toPath()).toString() == target } catch (Exception e) { false }
        }
    }
}
new File(basedir, 'watcher.log').text = ''
Thread.startDaemon('truncate-while-hashing') {
    long deadline = System.currentTimeMillis() + 600_000
    long since = 0
    while (System.currentTimeMillis() < deadline) {
        if (openSince()) {
            since = since ?: System.currentTimeMillis()
            if (System.currentTimeMillis() - since >= 300) {
                new RandomAccessFile(file, 'rw').withCloseable { it.setLength(1L << 20) }
                new File(basedir, 'watcher.log') << "truncated to 1 MiB while open\n"
                return
            }
        } else {
            since = 0
        }
        Thread.sleep(20)
    }
}
return true
