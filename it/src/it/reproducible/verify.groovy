// Two builds of the same project give byte-identical descriptors (including the digest of the rebuilt jar).
def first = new File(basedir, 'build-1/openaccess.json')
def second = new File(basedir, 'build-2/openaccess.json')
assert first.isFile() && second.isFile()
assert first.bytes == second.bytes
def text = first.getText('UTF-8')
assert !text.contains('\r')
assert text.endsWith('}\n')
assert !text.contains(basedir.absolutePath) // no absolute paths
assert text.contains('"sha256": "') // the subject's digest is part of what must match
return true
