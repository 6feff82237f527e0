// The Access readiness page's checks, shared by the report ITs (one per site plugin): the verdict, the chart as
// inline SVG with one bar per task, the tables, the dependency's verdict, and a real browser (headless Chromium from
// Debian's packages) rendering it. Evaluate it to get a closure: evaluate(new File(itLib, 'report-page.groovy'))(page, basedir).
// The browser check needs Chromium; .ci/run installs it and sets OPENACCESS_REQUIRE_BROWSER.
return { File page, File basedir ->
    assert page.isFile(): "no ${page}"
    def html = page.text
    assert html.contains('Access readiness')
    assert html.contains('Tier: laptop (minimum profile: laptop-16gb).')
    assert html.contains('<svg') && html.count('class="bar"') == 7 // bf16, int8, int4; full, LoRA, QLoRA; training
    assert html.contains('class="profile fitting" data-profile="laptop-16gb"')
    assert html.contains('dev.openaccess.it:small-model:1.0')
    assert html.contains('Fine-tuning and training are placed on profiles with a GPU only')
    assert !html.contains('<script') || !html.substring(html.indexOf('<svg'), html.indexOf('</svg>')).contains('<script')

    def chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find { new File(it).canExecute() }
    if (chromium == null) {
        assert System.getenv('OPENACCESS_REQUIRE_BROWSER') == null: 'Chromium is required here but not installed'
        println 'report: no Chromium installed; the rendering check is skipped'
        return true
    }
    def run = { List<String> args ->
        def process = ([chromium, '--headless', '--no-sandbox', '--disable-gpu', '--allow-file-access-from-files',
                        '--disable-background-networking', '--disable-component-update', '--disable-sync',
                        '--no-first-run', "--user-data-dir=${new File(basedir, 'target/chromium').path}"] + args).execute()
        def out = new StringBuilder(), err = new StringBuilder()
        process.consumeProcessOutput(out, err)
        assert process.waitFor() == 0: err
        return out.toString()
    }
    def dom = run(['--dump-dom', page.toURI().toString()])
    // the rendered DOM: seven bars, their tasks, the highlighted rung, the tier, the tables
    assert (dom =~ /<rect class="bar"/).count == 7
    assert dom.contains('data-task="inference, bf16 (stored)"')
    assert dom.contains('class="profile fitting" data-profile="laptop-16gb"')
    assert dom.contains('Tier: laptop')
    assert (dom =~ /<table/).count >= 4: 'the models, requirements, profiles and dependencies tables'
    def png = new File(basedir, "target/${page.name - '.html'}.png")
    run(["--screenshot=${png.path}", '--window-size=1280,2000', page.toURI().toString()])
    assert png.length() > 10_000: 'a screenshot with content'
    return true
}
