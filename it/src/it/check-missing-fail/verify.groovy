// With requirePublishedDescriptor and onMissingDescriptor=fail, the model dependency that publishes no descriptor
// fails the build; the plain library, which holds no model, needs none.
def log = new File(basedir, 'build.log').text
assert log.contains('openaccess: 1 dependency problem:')
assert log.contains('dev.openaccess.it:unpublished-model:1.0: no descriptor published (classifier openaccess, type json)')
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/openaccess-dependencies.json'))
def byArtifact = report.dependencies.collectEntries { [(it.artifact): it] }
assert byArtifact['dev.openaccess.it:unpublished-model:1.0'].status == 'missing'
// the figures computed from the jar are still reported, though nothing was judged
assert byArtifact['dev.openaccess.it:unpublished-model:1.0'].summary.parameters == 106_816
assert byArtifact['dev.openaccess.it:plain-library:1.0'].status == 'no-model'
return true
