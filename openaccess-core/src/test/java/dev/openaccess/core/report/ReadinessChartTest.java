package dev.openaccess.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.Describer;
import dev.openaccess.core.TinyModels;
import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.estimate.HardwareCatalog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The chart is well-formed SVG with one bar per task and the artifact's rung highlighted. */
class ReadinessChartTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document document, String tag, String cssClass) {
        NodeList nodes = document.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (List.of(element.getAttribute("class").split(" ")).contains(cssClass)) {
                found.add(element);
            }
        }
        return found;
    }

    @Test
    void opt175bHasABarPerTaskAndTheNodeHighlighted(@TempDir Path base) throws Exception {
        TinyModels.writeOpt175bConfig(base.resolve("opt-175b"));
        Descriptor descriptor = new Describer().describe(TinyModels.request(base, "opt-175b", false)).descriptor();
        Document svg = parse(ReadinessChart.svg(descriptor, HardwareCatalog.defaults()));
        List<Element> bars = elements(svg, "rect", "bar");
        // fp16, int8, int4; full, LoRA, QLoRA; a training replica
        assertEquals(List.of("inference, fp16 (stored)", "inference, int8", "inference, int4", "fine-tuning, full",
                "fine-tuning, LoRA", "fine-tuning, QLoRA", "training, one replica"),
                bars.stream().map(bar -> bar.getAttribute("data-task")).toList());
        assertEquals(List.of("8x-h100-80gb", "8x-h100-80gb", "h200-141gb", "cluster", "8x-h100-80gb", "h200-141gb",
                "cluster"), bars.stream().map(bar -> bar.getAttribute("data-profile")).toList());
        assertEquals("359028003200", bars.get(0).getAttribute("data-bytes"));
        List<Element> profiles = elements(svg, "line", "profile");
        assertEquals(5, profiles.size());
        List<Element> fitting = elements(svg, "line", "fitting");
        assertEquals(1, fitting.size());
        assertEquals("8x-h100-80gb", fitting.get(0).getAttribute("data-profile"));
        // longer bars for larger needs: the full fine-tuning bar is wider than the inference one
        assertTrue(Double.parseDouble(bars.get(3).getAttribute("width"))
                > Double.parseDouble(bars.get(0).getAttribute("width")));
    }

    @Test
    void theAxisIsInRoundDecimalBytes() {
        assertEquals("10 MB", ReadinessChart.decimal(7));
        assertEquals("100 GB", ReadinessChart.decimal(11));
        assertEquals("1 TB", ReadinessChart.decimal(12));
        assertEquals("1 B", ReadinessChart.decimal(0));
    }

    @Test
    void labelsAreEscaped() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", ReadinessChart.escape("a <b> & \"c\""));
    }
}
