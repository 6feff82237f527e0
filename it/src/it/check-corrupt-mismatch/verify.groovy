// Each broken descriptor fails the build with one line naming the dependency and the problem.
def log = new File(basedir, 'build.log').text
assert log.contains('dev.openaccess.it.fake:corrupt:1.0: invalid descriptor: dev.openaccess.it.fake:corrupt:1.0 descriptor')
assert log.contains('dev.openaccess.it.fake:mismatch:1.0: mismatch descriptor: the descriptor describes'
        + ' dev.openaccess.it:small-model:1.0, not the artifact it is published beside')
// the consumer reads the jar itself: the descriptor's counts are claims it checks, field by field
assert log.contains('dev.openaccess.it.fake:undercount:1.0: mismatch descriptor: the descriptor contradicts the file:'
        + ' models[src/main/resources/model/model.safetensors].parameters.total: the descriptor says 1000, the file'
        + ' holds 106816; models[src/main/resources/model/model.safetensors].parameters.active: the descriptor says'
        + ' 1000, the file holds 106816')
assert log.contains('openaccess: 3 dependency problems')
assert !log.contains('at dev.openaccess') // no stack trace of ours without -e
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/openaccess-dependencies.json'))
assert report.dependencies*.status == ['invalid', 'mismatch', 'mismatch']
assert report.dependencies*.source == ['published', 'published', 'published']
return true
