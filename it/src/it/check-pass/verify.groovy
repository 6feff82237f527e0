// The model dependencies meet the policy; the plain library holds no model: counted in one line, never warned of.
import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/openaccess-dependencies.json'))
assert report.policy == ['requireProfile=laptop-16gb', 'maxInferenceBytes=1073741824',
                         'requireFineTuningOn=rtx-4090-24gb', 'allowedLicenses=apache-2.0',
                         'requireAccessChannel=download']
def byArtifact = report.dependencies.collectEntries { [(it.artifact): it] }
def small = byArtifact['dev.openaccess.it:small-model:1.0']
assert small.status == 'pass'
assert small.source == 'published'
assert small.violations == []
assert small.summary.tier == 'laptop' && small.summary.weightsLicense == 'Apache-2.0'
assert small.summary.parameters == 106_816 // the tiny Llama of the producer (see safetensors-model)
assert byArtifact['dev.openaccess.it:open-model:1.0'].status == 'pass'
def plain = byArtifact['dev.openaccess.it:plain-library:1.0']
assert plain.status == 'no-model'
assert plain.source == null && plain.summary == null
assert report.counts == [pass: 2, 'no-model': 1]

def log = new File(basedir, 'build.log').text
assert log =~ /artifact +source +params +inference +tier +licence +MOF +verdict/
assert log =~ /dev\.openaccess\.it:small-model:1\.0 +published +107K +\S+ MiB +laptop +Apache-2\.0 +- +pass/
assert !(log =~ /INFO\] dev\.openaccess\.it:plain-library/): 'the table lists model dependencies only'
assert log.contains('[INFO] openaccess: 1 dependency holds no model')
assert !log.contains('[WARNING] openaccess: dev.openaccess.it:plain-library')
return true
