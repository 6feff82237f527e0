// The descriptor installed next to the jar, checked field by field against figures computed here.
import com.fasterxml.jackson.databind.ObjectMapper
import dev.openaccess.core.descriptor.DescriptorSchema
import groovy.json.JsonSlurper

def st = evaluate(new File(itLib, 'safetensors.groovy'))
def repo = new File(localRepositoryPath, 'dev/openaccess/it/safetensors-model/1.0')
def descriptorFile = new File(repo, 'safetensors-model-1.0-openaccess.json')
def jar = new File(repo, 'safetensors-model-1.0.jar')
assert descriptorFile.isFile(): "descriptor not installed: $descriptorFile"
assert jar.isFile()
assert new File(basedir, 'target/openaccess.json').bytes == descriptorFile.bytes

// Valid against the schema shipped in openaccess-core.
def violations = DescriptorSchema.violations(new ObjectMapper().readTree(descriptorFile))
assert violations.isEmpty(): violations

def d = new JsonSlurper().parse(descriptorFile)
assert d.schemaVersion == '1.0'
assert d.subject == [groupId: 'dev.openaccess.it', artifactId: 'safetensors-model', version: '1.0', packaging: 'jar',
                     sha256: st.sha256(jar)]
assert d.generator.name == 'openaccess'

// Expected figures from the file's own header, read here without openaccess.
def modelFile = new File(basedir, 'src/main/resources/model/model.safetensors')
def header = st.readHeader(modelFile)
def tensors = header.findAll { k, v -> k != '__metadata__' }
def count = { v -> v.shape.inject(1L) { a, b -> a * b } }
long total = tensors.values().sum { count(it) }
long weightBytes = tensors.values().sum { count(it) * st.bits[it.dtype] / 8 }
def byDtype = tensors.values().groupBy { it.dtype }.collectEntries { k, v -> [k, v.sum { count(it) }] }
// 2 × 256 × 64 embeddings/head + 2 layers × (2×64×64 + 2×32×64 + 3×128×64 + 2×64) + 64
assert total == 2L * 256 * 64 + 2L * (2 * 64 * 64 + 2 * 32 * 64 + 3 * 128 * 64 + 2 * 64) + 64

assert d.models.size() == 1
def m = d.models[0]
assert m.path == 'src/main/resources/model/model.safetensors'
assert m.format == 'safetensors'
assert m.sizeBytes == modelFile.length()
assert m.sha256 == st.sha256(modelFile)
assert m.configPath == 'src/main/resources/model/config.json'
assert m.metadata == [format: 'pt']
assert m.tensors == tensors.size()
assert m.parameters == [total: total, active: total, byDtype: byDtype, exact: true]
assert byDtype.keySet() == ['BF16', 'F32'] as Set
assert m.weightsBytes == weightBytes
assert m.architecture == [family: 'llama', layers: 2, hiddenSize: 64, attentionHeads: 4, kvHeads: 2, headDim: 16,
                          vocabSize: 256, contextLength: 512, kind: 'decoder', intermediateSize: 128, gatedMlp: true]

def inference = d.requirements.inference
long kvPerToken = 2L * 2 * 2 * 16 * 2 // K and V × layers × kvHeads × headDim × 2 bytes (F16)
assert inference.kvCacheBytesPerToken == kvPerToken
assert inference.kvCacheBytes == kvPerToken * 512
assert inference.weightsBytes == weightBytes
// activations: 512 tokens × (3 × 64 + 2 × 64 + 2 × 32 + 3 × 128) × 2 bytes (bf16) + the logits, 4 × 256 bytes
long activations = 512L * (3 * 64 + 2 * 64 + 2 * 32 + 3 * 128) * 2 + 4 * 256
assert inference.activationsBytes == activations
assert inference.runtimeBytes == 320L * 1024 * 1024 // PyTorch's resident part; safetensors are mapped, not copied
assert inference.overheadBytes == activations + 320L * 1024 * 1024
assert inference.totalBytes == inference.weightsBytes + inference.kvCacheBytes + inference.overheadBytes
assert inference.minimumProfile == 'laptop-16gb'
assert inference.variants*.precision == ['bf16', 'int8', 'int4']
assert inference.variants[0].stored
assert d.requirements.assumptions.contextLength == 512
assert d.requirements.assumptions.batchSize == 1
assert d.requirements.assumptions.kvCacheDtype == 'F16'
assert d.requirements.profiles*.id == ['laptop-16gb', 'rtx-4090-24gb', 'h100-80gb', 'h200-141gb', '8x-h100-80gb']
assert d.requirements.profiles.every { it.fitsInference && it.decodeTokensPerSecond > 0 }
assert d.readiness.tier == 'laptop'
// no hardware blocker; the pom declares no licence and no data: that is what stands in the way
assert d.readiness.blockers == ['weights released without a licence: nobody may legally reuse or redistribute them',
                                'training data not released: the model cannot be reproduced']
assert d.openness.components == [[name: 'Model parameters (Final)', released: true,
                                  location: 'dev.openaccess.it:safetensors-model:1.0', inferred: true]]
assert d.openness.mofClass == null && d.openness.containsKey('mofClass')
assert d.readiness.personas.individual == [canRunInference: true, profile: 'laptop-16gb', canFineTune: true,
                                          fineTuning: 'full', fineTuningProfile: 'laptop-16gb', canRetrain: true]
assert d.requirements.fineTuning.full.trainableParameters == total
// A model this small fine-tunes on the laptop's CPU: 6N + 2N FLOPs per token (gradient checkpointing), a reference
// run of 1,000,000 tokens at 844.8 GFLOP/s × 0.4 is 2.53 s, far inside 24 h.
assert d.requirements.fineTuning.full.flopsPerToken == 8L * total
assert Math.abs(d.requirements.fineTuning.full.referenceRunHours['laptop-16gb'] -
        1_000_000d * 8 * total / (844.8e9 * 0.4) / 3600) < 1e-6
assert d.requirements.fineTuning.full.minimumProfile == 'laptop-16gb'
assert d.requirements.training.flopsPerToken == 6L * total
assert d.requirements.models*.path == [m.path]

// The build printed the summary, and Maven's plugin validation found nothing to say about the plugin.
def log = new File(basedir, 'build.log').text
assert log.contains("Model src/main/resources/model/model.safetensors (safetensors llama): ${String.format('%,d', total)}")
assert log.contains('Tier: laptop (minimum profile: laptop-16gb)')
assert !log.contains('Plugin validation')
assert !(log =~ /(?m)^\[WARNING\].*openaccess/)
return true
