// The site (maven-site-plugin 3.21.0, Doxia 2) has the Access readiness page, checked in a real browser; so has
// `mvn openaccess:report` outside the site (rendered standalone by maven-reporting-impl with the default skin).
def check = evaluate(new File(itLib, 'report-page.groovy'))
check(new File(basedir, 'target/site/openaccess.html'), basedir)
def standalone = new File(basedir, 'target/reports/openaccess.html')
assert standalone.isFile()
assert standalone.text.contains('Tier: laptop (minimum profile: laptop-16gb).')
assert standalone.text.count('class="bar"') == 7
return true
