package dev.openaccess.maven;

import java.util.List;

/** The page as a standalone HTML5 document, for {@code mvn openaccess:report} outside a site. */
final class HtmlOutput implements PageOutput {

    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:70em;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;"
            + "text-align:left}th{background:#f4f4f4}";

    private final StringBuilder html = new StringBuilder();

    @Override
    public void begin(String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<section>\n<h1>").append(escape(title)).append("</h1>\n");
    }

    @Override
    public void section(String title) {
        html.append("<section>\n<h2>").append(escape(title)).append("</h2>\n");
    }

    @Override
    public void endSection() {
        html.append("</section>\n");
    }

    @Override
    public void paragraph(String text) {
        html.append("<p>").append(escape(text)).append("</p>\n");
    }

    @Override
    public void list(List<String> items) {
        html.append("<ul>\n");
        items.forEach(item -> html.append("<li>").append(escape(item)).append("</li>\n"));
        html.append("</ul>\n");
    }

    @Override
    public void table(List<String> header, List<List<String>> rows) {
        html.append("<table>\n<tr>");
        header.forEach(cell -> html.append("<th>").append(escape(cell)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    @Override
    public void raw(String markup) {
        html.append(markup);
    }

    @Override
    public void end() {
        html.append("</section>\n</body>\n</html>\n");
    }

    /** The document written so far. */
    String html() {
        return html.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
