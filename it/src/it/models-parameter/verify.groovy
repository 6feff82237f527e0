// -Dopenaccess.models takes a comma-separated list of files and folders outside the default location.
import groovy.json.JsonSlurper

def d = new JsonSlurper().parse(new File(basedir, 'target/openaccess.json'))
assert d.models*.path == ['models/a.safetensors', 'models/b/config.json']
def a = d.models[0]
assert a.parameters == [total: 103, active: 103, byDtype: [F32: 100, I8: 3], exact: true]
assert a.weightsBytes == 403
assert a.architecture == null
def b = d.models[1]
assert b.parameters.total == 109_482_240 // bert-base-uncased (BertModel with pooler), as published
assert b.architecture.kind == 'encoder'
// No KV cache: the bare weights have no attention shape, BERT is an encoder; both are said, not guessed.
assert d.requirements.inference.kvCacheBytes == 0
assert d.requirements.assumptions.notes.any { it.startsWith('models/a.safetensors: architecture unknown') }
assert d.requirements.models*.path == ['models/a.safetensors', 'models/b/config.json'] // each estimated alone too
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] openaccess: models/a.safetensors: architecture unknown')
return true
