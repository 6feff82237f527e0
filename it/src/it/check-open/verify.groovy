// MOF Class I, Open Source AI, no denied licence, a hosted API: every openness rule holds.
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/openaccess-dependencies.json'))
assert report.policy == ['deniedLicenses=cc-by-nc-4.0,licenseref-llama-2', 'minimumMofClass=I', 'requireOsaid=true',
                         'requireAccessChannel=hosted-api,research-program']
assert report.dependencies*.status == ['pass']
assert report.dependencies[0].summary.mofClass == 'I'
return true
