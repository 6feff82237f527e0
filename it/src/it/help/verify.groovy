// The generated help goal lists the describe goal and its parameters.
def log = new File(basedir, 'build.log').text
assert log.contains('openaccess:describe')
['models', 'contextLength', 'batchSize', 'outputFile', 'classifier', 'attach', 'digest', 'skip'].each {
    assert log.contains(it): "help does not mention $it"
}
assert log.contains('User property: openaccess.models')
return true
