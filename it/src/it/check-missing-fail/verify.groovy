// With onMissingDescriptor=fail, a dependency without a descriptor fails the build.
def log = new File(basedir, 'build.log').text
assert log.contains('openaccess: 1 dependency problem:')
assert log.contains('dev.openaccess.it:plain-library:1.0: no descriptor published (classifier openaccess, type json)')
return true
