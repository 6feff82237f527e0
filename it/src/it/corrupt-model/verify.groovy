// The build fails with one clear line naming the file and the problem, and writes no descriptor.
def log = new File(basedir, 'build.log').text
assert log.contains('openaccess: cannot describe src/main/resources/weights/model.safetensors: truncated:'
        + ' the tensors need 8192 bytes of data but the file holds 100')
assert !log.contains('at dev.openaccess') // no stack trace of ours without -e
assert !new File(basedir, 'target/openaccess.json').exists()
return true
