// OPT-175B breaks six rules; the failure lists each with the numbers that break it.
def log = new File(basedir, 'build.log').text
assert log.contains('dev.openaccess.it:large-model:1.0 breaks requireProfile=rtx-4090-24gb: inference needs 334.7 GiB'
        + ' (359346770304 bytes) at context 2048, batch 1, KV F16; rtx-4090-24gb offers 21.6 GiB usable')
assert log.contains('dev.openaccess.it:large-model:1.0 breaks deniedLicenses=licenseref-llama-2: the weights are under'
        + ' LicenseRef-Llama-2, a denied licence')
assert log.contains('dev.openaccess.it:large-model:1.0 breaks minimumMofClass=III: MOF class none, not III')
assert log.contains('dev.openaccess.it:large-model:1.0 breaks maxInferenceBytes=107374182400: inference needs 334.7 GiB'
        + ' (359346770304 bytes) at context 2048, batch 1, KV F16, more than the 100.0 GiB (107374182400 bytes) allowed')
assert log.contains('dev.openaccess.it:large-model:1.0 breaks requireFineTuningOn=h100-80gb: no fine-tuning method fits'
        + ' h100-80gb (72.0 GiB usable): the least demanding, qlora, needs 92.8 GiB')
assert log.contains('dev.openaccess.it:large-model:1.0 breaks allowedLicenses=apache-2.0: the weights\' licence'
        + ' LicenseRef-Llama-2 is not among the allowed (apache-2.0)')
assert log.contains('openaccess: 6 dependency problems')
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/openaccess-dependencies.json'))
assert report.dependencies[0].status == 'violation'
assert report.dependencies[0].source == 'published'
assert report.dependencies[0].violations*.rule == ['requireProfile=rtx-4090-24gb', 'maxInferenceBytes=107374182400',
        'requireFineTuningOn=h100-80gb', 'allowedLicenses=apache-2.0', 'deniedLicenses=licenseref-llama-2',
        'minimumMofClass=III']
return true
