// -Dopenaccess.skip: no descriptor written, attached or installed.
assert !new File(basedir, 'target/openaccess.json').exists()
def repo = new File(localRepositoryPath, 'dev/openaccess/it/skip/1.0')
assert new File(repo, 'skip-1.0.jar').isFile()
assert !new File(repo, 'skip-1.0-openaccess.json').exists()
assert new File(basedir, 'build.log').text.contains('openaccess: skipped (openaccess.skip)')
return true
