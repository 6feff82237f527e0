// The producer's jar and descriptor went to nginx by HTTP PUT; the consumers fetched the descriptor by HTTP GET and
// judged it: one passes, one fails with the expected message.
import groovy.json.JsonSlurper

def props = new Properties()
new File(basedir, 'nginx.properties').withInputStream { props.load(it) }
try {
    def served = new File(props.prefix, 'repo/dev/openaccess/it/http/served-model/1.0')
    assert new File(served, 'served-model-1.0.jar').isFile()
    assert new File(served, 'served-model-1.0-openaccess.json').isFile()
    assert new File(served, 'served-model-1.0-openaccess-cyclonedx.json').isFile()
    def access = new File(props.prefix, 'access.log').text
    assert access =~ /"PUT \/repo\/dev\/openaccess\/it\/http\/served-model\/1\.0\/served-model-1\.0-openaccess\.json HTTP\/1\.1" 20[01]/
    assert access =~ /"GET \/repo\/dev\/openaccess\/it\/http\/served-model\/1\.0\/served-model-1\.0-openaccess\.json HTTP\/1\.1" 200/

    def pass = new JsonSlurper().parse(new File(basedir, 'consumer-pass/target/openaccess-dependencies.json'))
    assert pass.dependencies*.status == ['pass']
    assert pass.dependencies[0].summary.weightsLicense == 'MIT'

    def fail = new JsonSlurper().parse(new File(basedir, 'consumer-fail/target/openaccess-dependencies.json'))
    assert fail.dependencies*.status == ['violation']
    assert fail.dependencies[0].violations*.rule == ['requireOsaid=true', 'requireAccessChannel=hosted-api']
    assert fail.dependencies[0].violations[1].message == 'no hosted-api channel (offered: download)'
    def log = new File(basedir, 'build.log').text
    assert log.contains('dev.openaccess.it.http:served-model:1.0 breaks requireAccessChannel=hosted-api: no hosted-api'
            + ' channel (offered: download)')
} finally {
    [props.nginx, '-c', props.conf, '-p', props.prefix, '-s', 'stop'].execute().waitFor()
}
return true
