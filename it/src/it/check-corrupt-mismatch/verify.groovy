// Each broken descriptor fails the build with one line naming the dependency and the problem.
def log = new File(basedir, 'build.log').text
assert log.contains('dev.openaccess.it.fake:corrupt:1.0: invalid descriptor: dev.openaccess.it.fake:corrupt:1.0 descriptor')
assert log.contains('dev.openaccess.it.fake:mismatch:1.0: mismatch descriptor: the descriptor describes'
        + ' dev.openaccess.it:small-model:1.0, not the artifact it is published beside')
assert log.contains('openaccess: 2 dependency problems')
assert !log.contains('at dev.openaccess') // no stack trace of ours without -e
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/openaccess-dependencies.json'))
assert report.dependencies*.status == ['invalid', 'mismatch']
return true
