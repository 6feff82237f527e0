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
        // fp16 inference 359,346,770,304 bytes (ReadinessAssessorTest)
        assertEquals("359346770304", bars.get(0).getAttribute("data-bytes"));
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
    void theAxisIsInTheBinaryUnitsThePageWritesSizesIn() {
        assertEquals("10 MiB", ReadinessChart.binary(10L << 20));
        assertEquals("100 GiB", ReadinessChart.binary(100L << 30));
        assertEquals("1 TiB", ReadinessChart.binary(1L << 40));
        assertEquals("1 B", ReadinessChart.binary(1));
        // 14.4 GiB (the laptop's usable memory) to 2.5 TiB: from 10 GiB to 10 TiB
        assertEquals(List.of(10L << 30, 100L << 30, 1L << 40, 10L << 40),
                ReadinessChart.ticks(14.4 * (1L << 30), 2.5 * (1L << 40)));
    }

    @Test
    void valuesStandBesideThePlotProfileNamesAboveItAndTheCaptionSaysHowBarsArePlaced(@TempDir Path base)
            throws Exception {
        TinyModels.writeTinyLlama(base.resolve("tiny"));
        Descriptor descriptor = new Describer().describe(TinyModels.request(base, "tiny", false)).descriptor();
        Document svg = parse(ReadinessChart.svg(descriptor, HardwareCatalog.defaults()));
        double plotRight = elements(svg, "line", "profile").stream()
                .mapToDouble(line -> Double.parseDouble(line.getAttribute("x1"))).max().orElseThrow();
        double plotBottom = Double.parseDouble(elements(svg, "line", "profile").get(0).getAttribute("y2"));
        for (Element value : elements(svg, "text", "value")) {
            assertTrue(Double.parseDouble(value.getAttribute("x")) > plotRight, "no line crosses a value label");
        }
        double previous = Double.NEGATIVE_INFINITY;
        for (Element name : elements(svg, "text", "profile-name")) {
            assertTrue(name.getAttribute("transform").startsWith("rotate(-65"), "slanted, not stacked");
            double x = Double.parseDouble(name.getAttribute("x"));
            assertTrue(x - previous >= 13, "names a line of text apart: " + x + " after " + previous);
            previous = x;
            assertTrue(Double.parseDouble(name.getAttribute("y")) < Double.parseDouble(
                    elements(svg, "rect", "bar").get(0).getAttribute("y")), "above the bars");
        }
        assertTrue(elements(svg, "text", "tick").stream().allMatch(tick -> tick.getTextContent().matches(
                "\\d+ (B|KiB|MiB|GiB|TiB|PiB)")), "binary units");
        List<Element> captions = elements(svg, "text", "caption");
        assertEquals(ReadinessChart.CAPTION, captions.stream().map(Element::getTextContent).toList());
        assertTrue(Double.parseDouble(captions.get(0).getAttribute("y")) > plotBottom);
    }

    @Test
    void labelsAreEscaped() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", ReadinessChart.escape("a <b> & \"c\""));
    }
}
