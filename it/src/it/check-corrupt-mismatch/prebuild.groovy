// Three fake dependencies in the local repository, each the small model's jar (a model dependency, so its descriptor
// is asked for) under other coordinates: one whose descriptor is not JSON, one whose descriptor is another artifact's
// (the small model's, copied), and one whose descriptor undercounts the model.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

def small = new File(localRepositoryPath, 'dev/openaccess/it/small-model/1.0')
def put = { String artifactId, byte[] jar, String descriptor ->
    def dir = new File(localRepositoryPath, "dev/openaccess/it/fake/${artifactId}/1.0")
    dir.mkdirs()
    new File(dir, "${artifactId}-1.0.pom").text = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.openaccess.it.fake</groupId>
  <artifactId>${artifactId}</artifactId>
  <version>1.0</version>
</project>
"""
    new File(dir, "${artifactId}-1.0.jar").bytes = jar
    new File(dir, "${artifactId}-1.0-openaccess.json").text = descriptor
}
def jar = new File(small, 'small-model-1.0.jar').bytes
put('corrupt', jar, '{ "schemaVersion": "1.0", this is not json')
put('mismatch', jar, new File(small, 'small-model-1.0-openaccess.json').text)

def descriptor = new JsonSlurper().parse(new File(small, 'small-model-1.0-openaccess.json'))
descriptor.subject = [groupId: 'dev.openaccess.it.fake', artifactId: 'undercount', version: '1.0', packaging: 'jar']
descriptor.models[0].parameters.total = 1000
descriptor.models[0].parameters.active = 1000
put('undercount', jar, JsonOutput.toJson(descriptor))
return true
