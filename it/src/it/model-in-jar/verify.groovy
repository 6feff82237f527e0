// With nothing in the resources or the build output, the project's own jar is read in place.
import groovy.json.JsonSlurper

def st = evaluate(new File(itLib, 'safetensors.groovy'))
def d = new JsonSlurper().parse(new File(basedir, 'target/openaccess.json'))
assert d.models*.path == ['target/model-in-jar-1.0.jar!/models/model.safetensors']
def m = d.models[0]
assert m.parameters.total == 64 * 32
assert m.weightsBytes == 64 * 32 * 2
assert m.sha256 == st.sha256(new File(basedir, 'packed/models/model.safetensors')) // the entry's bytes, inflated
assert d.subject.sha256 == st.sha256(new File(basedir, 'target/model-in-jar-1.0.jar'))
return true
