// A hardware profile without its memory fails the build with one line naming the profile and the field.
def log = new File(basedir, 'build.log').text
assert log.contains('openaccess: hardware profile mystery-gpu: <memory> is required')
assert !log.contains('at dev.openaccess') // no stack trace of ours without -e
assert !new File(basedir, 'target/openaccess.json').exists()
return true
