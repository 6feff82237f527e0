// The file changed while its SHA-256 was computed: the build fails naming it and saying what to do, and writes no
// descriptor with a digest of neither its old nor its new bytes.
assert new File(basedir, 'watcher.log').text.contains('truncated to 1 MiB while open')
def log = new File(basedir, 'build.log').text
assert log.contains('openaccess: cannot describe models/big.safetensors: changed while its SHA-256 was computed (')
assert log.contains('describe it again once it is complete')
assert !new File(basedir, 'target/openaccess.json').exists()
assert !log.contains('\tat dev.openaccess')
return true
