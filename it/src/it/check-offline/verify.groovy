// Offline: the small model's descriptor, installed in the local repository, is checked; the plain library's was
// never fetched, and offline nobody can tell whether it exists: a repository failure, not "missing".
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/openaccess-dependencies.json'))
def byArtifact = report.dependencies.collectEntries { [(it.artifact): it] }
assert byArtifact['dev.openaccess.it:small-model:1.0'].status == 'pass'
assert byArtifact['dev.openaccess.it:plain-library:1.0'].status == 'repository-failure'
assert byArtifact['dev.openaccess.it:plain-library:1.0'].detail.contains('offline')
def log = new File(basedir, 'build.log').text
assert log.contains('dev.openaccess.it:plain-library:1.0: repository failure:')
return true
