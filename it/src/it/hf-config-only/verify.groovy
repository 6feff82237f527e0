// A project that ships only GPT-2's config.json: the count is derived from the config, not exact.
import groovy.json.JsonSlurper

def d = new JsonSlurper().parse(new File(basedir, 'target/openaccess.json'))
assert d.models.size() == 1
def m = d.models[0]
assert m.path == 'src/main/resources/gpt2/config.json'
assert m.format == 'hf-config'
assert m.parameters.total == 124_439_808 // GPT-2 small, as published (OpenAI / Hugging Face)
assert !m.parameters.exact
assert m.parameters.byDtype == [F32: 124_439_808] // no torch_dtype: transformers loads float32
assert m.weightsBytes == 124_439_808L * 4
assert m.tensors == null
assert m.architecture.family == 'gpt2' && m.architecture.layers == 12 && m.architecture.headDim == 64
// 2 × 12 layers × 12 heads × 64 × 2 bytes per token, 1024 tokens
assert d.requirements.inference.kvCacheBytesPerToken == 36_864
assert d.requirements.inference.kvCacheBytes == 36_864L * 1024
assert d.readiness.tier == 'laptop'
def log = new File(basedir, 'build.log').text
assert log.contains('no torch_dtype declared; weights assumed F32')
return true
