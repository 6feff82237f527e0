package dev.openaccess.maven;

import java.util.List;

/**
 * What the Access readiness page is written with: a site's Doxia sink ({@link SinkOutput}) or a standalone HTML file
 * ({@link HtmlOutput}). The page knows nothing of Doxia, so the plugin does not carry a site renderer for it.
 */
interface PageOutput {

    /** Opens the page with its title and top-level heading. */
    void begin(String title);

    /** Opens a section under the page's heading. */
    void section(String title);

    void endSection();

    void paragraph(String text);

    void list(List<String> items);

    void table(List<String> header, List<List<String>> rows);

    /** Markup written as it is (the chart's SVG, which openaccess itself generated and escaped). */
    void raw(String markup);

    /** Closes the page. */
    void end();
}
