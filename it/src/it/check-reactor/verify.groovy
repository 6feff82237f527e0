// Each application checked its own dependencies in its module, under four threads; the aggregate check wrote one
// report for the whole reactor: the model built in it (its descriptor taken from the reactor) and the one from the
// repository, each once.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 4')
def app1 = new JsonSlurper().parse(new File(basedir, 'app-1/target/openaccess-dependencies.json'))
assert app1.dependencies*.artifact == ['dev.openaccess.it.reactor:model-a:1.0']
assert app1.dependencies*.status == ['pass']
def all = new JsonSlurper().parse(new File(basedir, 'target/openaccess-dependencies.json'))
assert all.policy == ['requireProfile=laptop-16gb']
assert all.dependencies*.artifact == ['dev.openaccess.it.reactor:model-a:1.0', 'dev.openaccess.it:small-model:1.0']
assert all.dependencies*.status == ['pass', 'pass']
assert all.dependencies[0].summary.weightsLicense == 'Apache-2.0'
assert log.contains('check-aggregate (default-cli) @ check-reactor')
return true
