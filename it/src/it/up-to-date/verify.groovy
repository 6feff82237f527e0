// The second build changed nothing: describe kept both outputs, read no model and wrote nothing (the descriptor's
// modification time is the first build's); the third changed a setting and described again.
import groovy.json.JsonSlurper

def first = new File(basedir, 'target/first.log').text
def second = new File(basedir, 'target/second.log').text
def third = new File(basedir, 'target/third.log').text
assert first.contains('Descriptor: target/openaccess.json')
assert second.contains('openaccess: nothing changed since the last build: target/openaccess.json and' +
        ' target/openaccess.cdx.json up to date')
assert !second.contains('Descriptor: target/openaccess.json') && !second.contains('Inference memory:')
assert third.contains('Descriptor: target/openaccess.json') && third.contains('context 256')
def d = new JsonSlurper().parse(new File(basedir, 'target/openaccess.json'))
assert d.requirements.assumptions.contextLength == 256
def record = new File(basedir, 'target/openaccess.inputs').readLines()
assert record.size() == 3 && record[0] ==~ /inputs [0-9a-f]{64}/
return true
