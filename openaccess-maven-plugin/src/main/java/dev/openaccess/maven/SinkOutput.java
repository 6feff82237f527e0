package dev.openaccess.maven;

import java.util.List;
import org.apache.maven.doxia.sink.Sink;

/**
 * The page on a site plugin's Doxia sink. Only calls that Doxia 1's and Doxia 2's {@link Sink} both declare are made,
 * so the page renders whichever Doxia the site plugin brings: maven-site-plugin 3.12.1, which Maven 3.9 binds by
 * default, passes a Doxia 1 sink (which has {@code tableRows(int[], boolean)} but no {@code tableRows()}), 3.20 and
 * later a Doxia 2 one.
 */
final class SinkOutput implements PageOutput {

    private final Sink sink;

    SinkOutput(Sink sink) {
        this.sink = sink;
    }

    @Override
    public void begin(String title) {
        sink.head();
        sink.title();
        sink.text(title);
        sink.title_();
        sink.head_();
        sink.body();
        sink.section1();
        sink.sectionTitle1();
        sink.text(title);
        sink.sectionTitle1_();
    }

    @Override
    public void section(String title) {
        sink.section2();
        sink.sectionTitle2();
        sink.text(title);
        sink.sectionTitle2_();
    }

    @Override
    public void endSection() {
        sink.section2_();
    }

    @Override
    public void paragraph(String text) {
        sink.paragraph();
        sink.text(text);
        sink.paragraph_();
    }

    @Override
    public void list(List<String> items) {
        sink.list();
        for (String item : items) {
            sink.listItem();
            sink.text(item);
            sink.listItem_();
        }
        sink.list_();
    }

    @Override
    public void table(List<String> header, List<List<String>> rows) {
        sink.table();
        sink.tableRows(null, false); // Doxia 1 has no tableRows()
        sink.tableRow();
        header.forEach(cell -> {
            sink.tableHeaderCell();
            sink.text(cell);
            sink.tableHeaderCell_();
        });
        sink.tableRow_();
        for (List<String> row : rows) {
            sink.tableRow();
            row.forEach(cell -> {
                sink.tableCell();
                sink.text(cell);
                sink.tableCell_();
            });
            sink.tableRow_();
        }
        sink.tableRows_();
        sink.table_();
    }

    @Override
    public void raw(String markup) {
        sink.rawText(markup);
    }

    @Override
    public void end() {
        sink.section1_();
        sink.body_();
        sink.flush();
    }
}
