// The link was followed: the model is described under the link's name.
def d = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/openaccess.json'))
assert d.models*.path == ['models/model.safetensors']
assert d.models[0].parameters.total == 106_816
return true
