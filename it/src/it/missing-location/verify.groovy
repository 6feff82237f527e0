// A location the user named must exist: the failure names it.
def log = new File(basedir, 'build.log').text
assert log.contains('openaccess: cannot describe models/not-there.safetensors: does not exist')
return true
