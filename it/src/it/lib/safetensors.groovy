// Test helpers shared by the sample projects' scripts: write and read safetensors files.
// Evaluate it to get a map of closures: def st = evaluate(new File(itLib, 'safetensors.groovy'))
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.charset.StandardCharsets

def bits = [F32: 32, F16: 16, BF16: 16, F64: 64, I64: 64, I32: 32, I16: 16, I8: 8, U8: 8, BOOL: 8]

// tensors: list of [name, dtype, shape]; the data is deterministic and non-zero. Returns the bytes written.
def write = { File file, List tensors, Map metadata = [:] ->
    def header = [:]
    if (metadata) header['__metadata__'] = metadata
    long offset = 0
    tensors.each { t ->
        long n = t[2].inject(1L) { a, b -> a * b }
        long bytes = n * bits[t[1]] / 8
        header[t[0]] = [dtype: t[1], shape: t[2], data_offsets: [offset, offset + bytes]]
        offset += bytes
    }
    def json = JsonOutput.toJson(header)
    json += ' ' * ((8 - json.length() % 8) % 8) // the reference writer pads to a multiple of 8
    byte[] jsonBytes = json.getBytes(StandardCharsets.UTF_8)
    def buffer = ByteBuffer.allocate((int) (8 + jsonBytes.length + offset)).order(ByteOrder.LITTLE_ENDIAN)
    buffer.putLong(jsonBytes.length).put(jsonBytes)
    for (long i = 0; i < offset; i++) buffer.put((byte) ((i * 31 + 7) % 251 + 1))
    file.parentFile.mkdirs()
    file.bytes = buffer.array()
    return buffer.array()
}

// Reads the JSON header back, independently of openaccess's reader.
def readHeader = { File file ->
    def raf = new RandomAccessFile(file, 'r')
    try {
        byte[] prefix = new byte[8]
        raf.readFully(prefix)
        long n = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong()
        byte[] json = new byte[(int) n]
        raf.readFully(json)
        return new JsonSlurper().parseText(new String(json, StandardCharsets.UTF_8))
    } finally {
        raf.close()
    }
}

def sha256 = { File file ->
    java.security.MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString()
}

[write: write, readHeader: readHeader, sha256: sha256, bits: bits]
