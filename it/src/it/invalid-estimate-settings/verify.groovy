// A setting the estimates cannot use fails the build with one line naming it, before any model is read.
def log = new File(basedir, 'build.log').text
assert log.contains("openaccess: 'lots' is not a quantity of count (e.g. 300B)")
assert !log.contains('at dev.openaccess') // no stack trace of ours without -e
assert !new File(basedir, 'target/openaccess.json').exists()
return true
