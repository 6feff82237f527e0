// On maven-site-plugin 3.12.1 (Doxia 1) the whole page renders, as on 3.21.0: no linkage error, checked in a real
// browser.
def log = new File(basedir, 'build.log').text
assert log.contains('--- site:3.12.1:site (default-site)')
assert !log.contains('LinkageError') && !log.contains('NoSuchMethodError')
evaluate(new File(itLib, 'report-page.groovy'))(new File(basedir, 'target/site/openaccess.html'), basedir)
return true
