// Openness and access from the pom and the build, in the descriptor and in the CycloneDX ML-BOM, which agree.
import groovy.json.JsonSlurper
import org.cyclonedx.Version
import org.cyclonedx.parsers.JsonParser

def repo = new File(localRepositoryPath, 'dev/openaccess/it/open-weights/1.0')
def descriptorFile = new File(repo, 'open-weights-1.0-openaccess.json')
def bomFile = new File(repo, 'open-weights-1.0-openaccess-cyclonedx.json')
assert descriptorFile.isFile() && bomFile.isFile(): 'both installed beside the jar'

def d = new JsonSlurper().parse(descriptorFile)
def components = d.openness.components.collectEntries { [(it.name): it] }
// the weights found in the jar, released under the pom's licence (Apache-2.0 from its name and URL)
assert components['Model parameters (Final)'] == [name: 'Model parameters (Final)', released: true,
        license: 'Apache-2.0', location: 'dev.openaccess.it:open-weights:1.0', licenseClass: 'open', inferred: true]
assert components['Training code'].license == 'Apache-2.0' && components['Training code'].inferred
assert components['Model architecture'].license == 'MIT' && !components['Model architecture'].inferred
assert !components['Datasets'].released
// Class III: architecture, final parameters, model and data cards, technical report, evaluation results, all open
assert d.openness.mofClass == 'III'
assert d.openness.mofGaps.II == ['Inference code: not released', 'Evaluation code: not released',
                                 'Evaluation data: not released']
assert !d.openness.osaid.compatible
assert d.openness.osaid.missing == ['code: Data preprocessing code not released', 'code: Inference code not released']
assert d.openness.licenses*.id == ['MIT', 'Apache-2.0', 'CC-BY-4.0']
assert d.access.channels*.type == ['hosted-api', 'research-program', 'download']
assert d.access.channels[2] == [type: 'download', coordinates: 'dev.openaccess.it:open-weights:1.0', inferred: true]
assert d.requirements.training.hardware == '8 x A100 80GB'
assert d.requirements.training.energyKwh == 1250.5
assert d.readiness.blockers == ['training data not released: the model cannot be reproduced']

// The ML-BOM is valid CycloneDX 1.6 and says what the descriptor says.
assert new JsonParser().validate(bomFile.bytes, Version.VERSION_16).isEmpty()
def bom = new JsonSlurper().parse(bomFile)
assert bom.specVersion == '1.6'
def model = bom.components[0]
def prop = { c, n -> c.properties.find { it.name == n }?.value }
assert model.type == 'machine-learning-model'
assert model.name == d.models[0].path
assert prop(model, 'openaccess:model:parameterCount') == d.models[0].parameters.total.toString()
assert prop(model, 'openaccess:model:quantization') == d.models[0].parameters.byDtype.keySet().join(',')
assert prop(model, 'openaccess:inference:totalBytes') == d.requirements.models[0].inference.totalBytes.toString()
assert model.licenses[0].license.id == 'Apache-2.0'
assert model.hashes[0].content == d.models[0].sha256
def subject = bom.metadata.component
assert prop(subject, 'openaccess:mofClass') == 'III'
assert prop(subject, 'openaccess:osaid:compatible') == 'false'
assert prop(subject, 'openaccess:tier') == d.readiness.tier
assert prop(subject, 'openaccess:inference:totalBytes') == d.requirements.inference.totalBytes.toString()
assert subject.externalReferences*.url == ['https://api.example.org/v1/tiny-llama', 'https://example.org/research']

def log = new File(basedir, 'build.log').text
assert log.contains('Openness: MOF class III; OSAID not met (2 missing)')
assert log.contains('Access: hosted-api https://api.example.org/v1/tiny-llama; research-program https://example.org/research;'
        + ' download dev.openaccess.it:open-weights:1.0 (inferred)')
return true
