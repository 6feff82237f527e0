// The producer's jar and descriptor went to nginx by HTTP PUT; the consumers fetched the descriptor by HTTP GET and
// judged it: one passes, one fails with the expected message.
import groovy.json.JsonSlurper

def props = new Properties()
new File(basedir, 'nginx.properties').withInputStream { props.load(it) }
try {
    // a snapshot is stored under a timestamp: served-model-1.0-20261129.012345-1-openaccess.json
    def served = new File(props.prefix, 'repo/dev/openaccess/it/http/served-model/1.0-SNAPSHOT')
    def names = served.list() as List
    def stamped = /served-model-1\.0-\d{8}\.\d{6}-1/
    assert names.any { it ==~ /${stamped}\.jar/ }: names
    assert names.any { it ==~ /${stamped}-openaccess\.json/ }: names
    assert names.any { it ==~ /${stamped}-openaccess-cyclonedx\.json/ }: names
    assert names.contains('maven-metadata.xml')
    def access = new File(props.prefix, 'access.log').text
    def path = /\/repo\/dev\/openaccess\/it\/http\/served-model\/1\.0-SNAPSHOT\/${stamped}-openaccess\.json/
    assert access =~ /"PUT ${path} HTTP\/1\.1" 20[01]/
    assert access =~ /"GET ${path} HTTP\/1\.1" 200/

    def pass = new JsonSlurper().parse(new File(basedir, 'consumer-pass/target/openaccess-dependencies.json'))
    assert pass.dependencies*.status == ['pass'] // the base version's descriptor, its digest the timestamped jar's
    assert pass.dependencies*.artifact == ['dev.openaccess.it.http:served-model:1.0-SNAPSHOT']
    assert pass.dependencies[0].summary.weightsLicense == 'MIT'

    def fail = new JsonSlurper().parse(new File(basedir, 'consumer-fail/target/openaccess-dependencies.json'))
    assert fail.dependencies*.status == ['violation']
    assert fail.dependencies[0].violations*.rule == ['requireOsaid=true', 'requireAccessChannel=hosted-api']
    assert fail.dependencies[0].violations[1].message == 'no hosted-api channel (offered: download)'
    def log = new File(basedir, 'build.log').text
    assert log.contains('dev.openaccess.it.http:served-model:1.0-SNAPSHOT breaks requireAccessChannel=hosted-api: no hosted-api'
            + ' channel (offered: download)')
} finally {
    [props.nginx, '-c', props.conf, '-p', props.prefix, '-s', 'stop'].execute().waitFor()
}
return true
