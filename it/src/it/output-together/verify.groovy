// The second build could not write its ML-BOM: it replaced nothing, so the first build's descriptor and ML-BOM still
// describe the same model at the same assumptions. The outputs have the mode the umask gives any build output.
import groovy.json.JsonSlurper
import java.nio.file.Files

def descriptor = new File(basedir, 'target/openaccess.json')
def bom = new File(basedir, 'target/openaccess.cdx.json')
assert descriptor.isFile() && bom.isFile()
def second = new File(basedir, 'target/second.log').text
assert second.contains("openaccess: cannot write ${new File(basedir, 'target/blocked').canonicalPath}: it is a folder")
def d = new JsonSlurper().parse(descriptor)
assert d.requirements.assumptions.contextLength == 512 // the first build's: the model's own context, not 64
def inference = new JsonSlurper().parse(bom).metadata.component.properties.find { it.name == 'openaccess:inference:totalBytes' }
assert inference.value == d.requirements.inference.totalBytes.toString()
def temporaries = new File(basedir, 'target').list().findAll { it.startsWith('.') }
assert temporaries == []: temporaries

// the mode any output of the build gets (the jar's, written by the jar plugin), not a temporary file's 0600
def jar = new File(basedir, 'target/output-together-1.0.jar').toPath()
assert Files.getPosixFilePermissions(descriptor.toPath()) == Files.getPosixFilePermissions(jar)
assert Files.getPosixFilePermissions(bom.toPath()) == Files.getPosixFilePermissions(jar)
return true
