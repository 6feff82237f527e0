// Two fake dependencies in the local repository: one whose descriptor is not JSON, one whose descriptor is another
// artifact's (the small model's, copied).
def put = { String artifactId, String descriptor ->
    def dir = new File(localRepositoryPath, "dev/openaccess/it/fake/${artifactId}/1.0")
    dir.mkdirs()
    new File(dir, "${artifactId}-1.0.pom").text = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.openaccess.it.fake</groupId>
  <artifactId>${artifactId}</artifactId>
  <version>1.0</version>
</project>
"""
    new File(dir, "${artifactId}-1.0.jar").bytes = [0x50, 0x4b, 0x05, 0x06] + ([0] * 18) as byte[] // an empty zip
    new File(dir, "${artifactId}-1.0-openaccess.json").text = descriptor
}
put('corrupt', '{ "schemaVersion": "1.0", this is not json')
put('mismatch', new File(localRepositoryPath,
        'dev/openaccess/it/small-model/1.0/small-model-1.0-openaccess.json').text)
return true
