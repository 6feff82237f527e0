// OPT-175B breaks three rules; the failure lists each with the numbers that break it.
def log = new File(basedir, 'build.log').text
assert log.contains('dev.openaccess.it:large-model:1.0 breaks requireProfile=rtx-4090-24gb: inference needs 334.4 GiB'
        + ' (359028003200 bytes); rtx-4090-24gb offers 21.6 GiB usable')
assert log.contains('dev.openaccess.it:large-model:1.0 breaks deniedLicenses=licenseref-llama-2: the weights are under'
        + ' LicenseRef-Llama-2, a denied licence')
assert log.contains('dev.openaccess.it:large-model:1.0 breaks minimumMofClass=III: MOF class none, not III')
assert log.contains('openaccess: 3 dependency problems')
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/openaccess-dependencies.json'))
assert report.dependencies[0].status == 'violation'
assert report.dependencies[0].violations*.rule == ['requireProfile=rtx-4090-24gb', 'deniedLicenses=licenseref-llama-2',
                                                   'minimumMofClass=III']
return true
