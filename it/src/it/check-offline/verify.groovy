// Offline: the small model's descriptor, installed in the local repository, is checked; the unpublished model's was
// never asked for, and offline nobody can tell whether it exists: a repository failure, not "missing", with the
// figures computed from its jar. The plain library holds no model: it is not asked for a descriptor at all.
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/openaccess-dependencies.json'))
def byArtifact = report.dependencies.collectEntries { [(it.artifact): it] }
assert byArtifact['dev.openaccess.it:small-model:1.0'].status == 'pass'
def unpublished = byArtifact['dev.openaccess.it:unpublished-model:1.0']
assert unpublished.status == 'repository-failure'
assert unpublished.detail.contains('offline')
assert unpublished.summary.parameters == 106_816
def plain = byArtifact['dev.openaccess.it:plain-library:1.0']
assert plain.status == 'no-model'
assert plain.notes == null
def log = new File(basedir, 'build.log').text
assert log.contains('dev.openaccess.it:unpublished-model:1.0: repository failure:')
assert log.contains('openaccess: 1 dependency problem:')
return true
