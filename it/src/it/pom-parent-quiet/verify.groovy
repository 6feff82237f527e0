// No warning in a pom-packaging project that holds no models: one info line.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] openaccess: no model files found in ')
assert !log.contains('[WARNING] openaccess:')
return true
