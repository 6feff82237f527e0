// OpenNLP's model jar holds opennlp-en-ud-ewt-sentence-1.2-2.5.0.bin, a zip whose first entry is manifest.properties
// (OpenNLP-Version=2.5.0): a model no reader counts. The consumer says so instead of "no model".
import com.fasterxml.jackson.databind.ObjectMapper
import dev.openaccess.core.descriptor.DescriptorSchema
import groovy.json.JsonSlurper

def coordinates = 'org.apache.opennlp:opennlp-models-sentdetect-en:1.2.0'
def entry = 'opennlp-models-sentdetect-en-1.2.0.jar!/opennlp-en-ud-ewt-sentence-1.2-2.5.0.bin'

def report = new JsonSlurper().parse(new File(basedir, 'target/openaccess-dependencies.json'))
def opennlp = report.dependencies.find { it.artifact == coordinates }
assert opennlp.status == 'unread'
assert opennlp.source == 'computed'
assert opennlp.detail == '1 file looks like a model but no reader counts it: its requirements and the policy could not be judged'
assert opennlp.notes == ["it looks like a model: ${entry} (opennlp: an Apache OpenNLP model: no reader counts this format yet)".toString()]
assert report.counts.unread == 1
assert report.policy == ['denyUnsafeLoading=true']

def log = new File(basedir, 'build.log').text
assert log.contains("[WARNING] openaccess: ${coordinates}: 1 file looks like a model but no reader counts it")
assert log.contains('BUILD SUCCESS')

def file = new File(basedir, 'target/opennlp.json')
assert DescriptorSchema.violations(new ObjectMapper().readTree(file)).isEmpty()
def d = new JsonSlurper().parse(file)
assert d.models == []
assert d.unreadFiles == [[path: entry, format: 'opennlp', reason: 'an Apache OpenNLP model: no reader counts this format yet']]
def describeLog = new File(basedir, 'target/describe.log').text
assert describeLog.contains("[WARNING] openaccess: 1 file looks like a model but no reader counts it (1 opennlp): ${entry} (opennlp).")
assert describeLog.contains('[INFO] Not counted: 1 file looks like a model but no reader counts it (1 opennlp)')
assert !describeLog.contains('no model files found')
return true
