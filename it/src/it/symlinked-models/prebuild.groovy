// The tiny Llama in a cache folder outside the sources, and `models` a symbolic link to it.
import java.nio.file.Files

def snapshot = new File(basedir, 'cache/snapshots/abc123')
evaluate(new File(itLib, 'safetensors.groovy')).tinyLlama(snapshot)
Files.createSymbolicLink(new File(basedir, 'models').toPath(), snapshot.toPath())
return true
