// The site has the Access readiness page: the verdict, the chart as inline SVG, the tables, the dependency's
// verdict; and a real browser (headless Chromium from Debian's packages) renders it: the chart's bars and the tier
// are in the rendered page. The check needs Chromium; .ci/run installs it and sets OPENACCESS_REQUIRE_BROWSER.
def page = new File(basedir, 'target/site/openaccess.html')
assert page.isFile()
def html = page.text
assert html.contains('Access readiness')
assert html.contains('Tier: laptop (minimum profile: laptop-16gb).')
assert html.contains('<svg') && html.count('class="bar"') == 7 // bf16, int8, int4; full, LoRA, QLoRA; training
assert html.contains('class="profile fitting" data-profile="laptop-16gb"')
assert html.contains('dev.openaccess.it:small-model:1.0')
assert !html.contains('<script') || !html.substring(html.indexOf('<svg'), html.indexOf('</svg>')).contains('<script')

// `mvn openaccess:report` outside the site: the same page, rendered standalone by maven-reporting-impl
def standalone = new File(basedir, 'target/reports/openaccess.html')
assert standalone.isFile()
assert standalone.text.contains('Tier: laptop (minimum profile: laptop-16gb).')
assert standalone.text.count('class="bar"') == 7

def chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find { new File(it).canExecute() }
if (chromium == null) {
    assert System.getenv('OPENACCESS_REQUIRE_BROWSER') == null: 'Chromium is required here but not installed'
    println 'report: no Chromium installed; the rendering check is skipped'
    return true
}
def run = { List<String> args ->
    def process = ([chromium, '--headless', '--no-sandbox', '--disable-gpu', '--allow-file-access-from-files',
                    "--user-data-dir=${new File(basedir, 'target/chromium').path}"] + args).execute()
    def out = new StringBuilder(), err = new StringBuilder()
    process.consumeProcessOutput(out, err)
    assert process.waitFor() == 0: err
    return out.toString()
}
def dom = run(['--dump-dom', page.toURI().toString()])
// the rendered DOM: seven bars, their tasks, the highlighted rung, the tier
assert (dom =~ /<rect class="bar"/).count == 7
assert dom.contains('data-task="inference, bf16 (stored)"')
assert dom.contains('class="profile fitting" data-profile="laptop-16gb"')
assert dom.contains('Tier: laptop')
def png = new File(basedir, 'target/report.png')
run(["--screenshot=${png.path}", '--window-size=1280,2000', page.toURI().toString()])
assert png.length() > 10_000: 'a screenshot with content'
return true
