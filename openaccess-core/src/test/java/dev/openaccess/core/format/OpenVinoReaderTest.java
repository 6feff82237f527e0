package dev.openaccess.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenVINO IR as OpenVINO's serializer writes it (IR version 11: {@code <net>}, {@code <layers>} of {@code <layer
 * type="Const">} with {@code <data element_type shape offset size>}, {@code <edges>}, {@code <rt_info>}), with the
 * {@code .bin} of the same name beside it.
 */
class OpenVinoReaderTest {

    /**
     * w 4×3 f32 (48 bytes at 0), b 4 f16 (8 at 48), q 8×8 u4 (32 at 56, two to a byte), a second constant sharing w's
     * bytes, and a scalar i64 (8 at 88) inside a TensorIterator's body; the Parameter's data is no weight. 12 + 4 + 64
     * + 1 = 81 parameters in 96 bytes.
     */
    static final String IR = """
            <?xml version="1.0"?>
            <net name="tiny &amp; real" version="11">
            \t<layers>
            \t\t<layer id="0" name="input" type="Parameter" version="opset1">
            \t\t\t<data shape="1,3" element_type="f32" />
            \t\t\t<output><port id="0" precision="FP32" names="input"><dim>1</dim><dim>3</dim></port></output>
            \t\t</layer>
            \t\t<layer id="1" name="w" type="Const" version="opset1">
            \t\t\t<data element_type="f32" shape="4, 3" offset="0" size="48" />
            \t\t\t<output><port id="0" precision="FP32"><dim>4</dim><dim>3</dim></port></output>
            \t\t</layer>
            \t\t<layer id="2" name="b" type="Const" version="opset1">
            \t\t\t<data element_type="f16" shape="4" offset="48" size="8" />
            \t\t</layer>
            \t\t<layer id="3" name="q" type="Const" version="opset1">
            \t\t\t<data element_type="u4" shape="8, 8" offset="56" size="32" />
            \t\t</layer>
            \t\t<layer id="4" name="w_again" type="Const" version="opset1">
            \t\t\t<data element_type="f32" shape="4, 3" offset="0" size="48" />
            \t\t</layer>
            \t\t<layer id="5" name="loop" type="TensorIterator" version="opset1">
            \t\t\t<body>
            \t\t\t\t<layers>
            \t\t\t\t\t<layer id="0" name="step" type="Const" version="opset1">
            \t\t\t\t\t\t<data element_type="i64" shape="" offset="88" size="8" />
            \t\t\t\t\t</layer>
            \t\t\t\t</layers>
            \t\t\t\t<edges/>
            \t\t\t</body>
            \t\t</layer>
            \t</layers>
            \t<edges><edge from-layer="1" from-port="0" to-layer="5" to-port="0" /></edges>
            \t<rt_info><framework><item name="note" value="a &lt;b&gt;" /></framework>x &amp; y</rt_info>
            </net>
            """;

    @TempDir
    Path folder;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }

    private ModelFacts readFromDisk(String name) throws IOException {
        return new OpenVinoReader().read(ModelFile.ofFile(folder.resolve(name), name, FormatTable.OPENVINO).source());
    }

    private static ModelFacts read(String xml) throws IOException {
        return read(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static ModelFacts read(byte[] bytes) throws IOException {
        return new OpenVinoReader().read(new ModelSource("model.xml", bytes.length,
                () -> new ByteArrayInputStream(bytes)));
    }

    @Test
    void constLayersAtEveryDepthAreTheWeightsAndTheBinIsAPart() throws IOException {
        write("model.xml", IR);
        Files.write(folder.resolve("model.bin"), new byte[96]);
        ModelFacts facts = readFromDisk("model.xml");
        assertEquals(ModelFormat.OPENVINO, facts.format());
        assertEquals(Map.of("F32", 12L, "F16", 4L, "U4", 64L, "I64", 1L), facts.parameters().byDtype());
        assertEquals(81, facts.parameters().total());
        assertEquals(96L, facts.weightsBytes());
        assertEquals(4L, facts.tensors());
        assertEquals("1", facts.metadata().get("openvino.sharedConstants"));
        assertEquals("11", facts.metadata().get("openvino.irVersion"));
        assertEquals("tiny & real", facts.metadata().get("openvino.name"));
        assertEquals(List.of("model.bin"), facts.parts().stream().map(ModelSource::path).toList());
        assertEquals(List.of(), facts.warnings());
    }

    @Test
    void theBinMustBeThereAndHoldEveryConstant() throws IOException {
        write("model.xml", IR);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> readFromDisk("model.xml"));
        assertTrue(e.problem().contains("keeps its weights in model.bin, which is missing beside it"), e.getMessage());
        Files.write(folder.resolve("model.bin"), new byte[95]);
        e = assertThrows(ModelFormatException.class, () -> readFromDisk("model.xml"));
        assertTrue(e.problem().contains("Const layer 'step' needs bytes 88..96 of the .bin, which holds 95"),
                e.getMessage());
    }

    @Test
    void notOnDiskTheConstantsAreCountedAndTheBinSaidUnchecked() throws IOException {
        ModelFacts facts = read(IR);
        assertEquals(81, facts.parameters().total());
        assertEquals(List.of("model.xml: its weights file model.bin is not checked: the model is not a file on disk"),
                facts.warnings());
    }

    @Test
    void oddSizesAndUnknownTypesAreCountedWithAWarning() throws IOException {
        ModelFacts facts = read("""
                <net name="m" version="11"><layers>
                <layer id="0" name="a" type="Const"><data element_type="f32" shape="2" offset="0" size="7"/></layer>
                <layer id="1" name="b" type="Const"><data element_type="f32" shape="2" offset="7" size="9"/></layer>
                <layer id="2" name="c" type="Const"><data element_type="q7" shape="3" offset="16" size="3"/></layer>
                </layers></net>""");
        assertEquals(Map.of("F32", 4L, "OPENVINO_q7", 3L), facts.parameters().byDtype());
        assertEquals(19L, facts.weightsBytes());
        assertTrue(facts.warnings().contains("model.xml: 2 Const layers ('a' and others): its size in the .bin is"
                + " other than the bytes its shape and element_type take; the size is counted"),
                facts.warnings().toString());
        assertTrue(facts.warnings().contains("model.xml: Const layer 'c': element_type 'q7' is not one OpenVINO"
                + " defines; its elements are counted under OPENVINO_q7, its bytes are its size"),
                facts.warnings().toString());
    }

    /** XML that could expand, read files or exhaust memory is refused before the parser acts on it. */
    @Test
    void hostileXmlIsRefusedInWords() {
        String net = "<net name=\"m\" version=\"11\"><layers/></net>";
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>"
                + "<net version=\"11\">&lol2;</net>", "declares a DTD or entity (<!D");
        refusals.put("<!DOCTYPE net SYSTEM \"file:///etc/passwd\"><net version=\"11\"/>", "declares a DTD or entity");
        refusals.put("<net version=\"11\"><!-- fine --><![CDATA[ fine ]]><!ENTITY x \"y\"></net>",
                "declares a DTD or entity (<!E");
        refusals.put("<net version=\"11\" name=\"" + "x".repeat(BoundedXmlInput.MAX_TOKEN_BYTES) + "\"/>",
                "holds a tag, text or comment of more than " + BoundedXmlInput.MAX_TOKEN_BYTES + " bytes");
        refusals.put("<net version=\"11\">" + "<a>".repeat(OpenVinoReader.MAX_XML_DEPTH) + "</net>",
                "nests elements more than " + OpenVinoReader.MAX_XML_DEPTH + " deep");
        refusals.put("<net version=\"7\"><layers/></net>", "is IR version 7; only versions 10 and later");
        refusals.put("<model version=\"11\"/>", "has the root element <model>, not <net>");
        refusals.put("<net version=\"11\"><layers>", "is not well-formed XML");
        refusals.put("", "is not well-formed XML");
        refusals.put("<net version=\"11\"><layers><layer name=\"w\" type=\"Const\"><data element_type=\"f32\""
                + " shape=\"2,-3\" offset=\"0\" size=\"4\"/></layer></layers></net>", "has shape '-3', which is not"
                + " a non-negative whole number");
        refusals.put("<net version=\"11\"><layers><layer name=\"w\" type=\"Const\"><data element_type=\"f32\""
                + " shape=\"4294967296,4294967296\" offset=\"0\" size=\"4\"/></layer></layers></net>",
                "overflows a 64-bit element count");
        refusals.put("<net version=\"11\"><layers><layer name=\"w\" type=\"Const\"><data element_type=\"f32\""
                + " shape=\"1\" offset=\"9223372036854775807\" size=\"4\"/></layer></layers></net>",
                "offset and size overflows 64 bits");
        refusals.put("<net version=\"11\"><layers><layer name=\"w\" type=\"Const\"><data shape=\"1\" offset=\"0\""
                + " size=\"4\"/></layer></layers></net>", "Const layer 'w' has no element_type");
        refusals.put("<net version=\"11\"><layers><layer name=\"w\" type=\"Const\"><data element_type=\"f32\""
                + " shape=\"" + "1,".repeat(OpenVinoReader.MAX_DIMS) + "1\" offset=\"0\" size=\"4\"/></layer>"
                + "</layers></net>", "has more than " + OpenVinoReader.MAX_DIMS + " dimensions");
        refusals.forEach((xml, words) -> {
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(xml),
                    xml.substring(0, Math.min(80, xml.length())));
            assertEquals("model.xml", e.path());
            assertTrue(e.problem().contains(words), words + " / " + e.getMessage());
        });
        ModelFormatException utf16 = assertThrows(ModelFormatException.class, () -> read(
                ("<!DOCTYPE x [<!ENTITY a \"b\">]>" + net).getBytes(StandardCharsets.UTF_16LE)));
        assertTrue(utf16.problem().contains("holds a NUL byte: not XML in UTF-8"), utf16.getMessage());
    }

    @Test
    void anIrIsFoundBesideItsBinAndReadInAFolder() throws IOException {
        write("model.xml", IR);
        Files.write(folder.resolve("model.bin"), new byte[96]);
        write("pom.xml", "<project/>");
        List<ModelFile> models = new ModelFinder(folder).find(List.of("."), true).models();
        assertEquals(List.of("model.xml"), models.stream().map(ModelFile::path).toList());
        assertEquals(81, models.get(0).kind().reader().orElseThrow().read(models.get(0).source()).parameters()
                .total());
    }

    /** The replayed fuzz corpus's seeds: the sound one counted, every other refused in words naming the file. */
    @Test
    void theCorpusSeedsAreCountedOrRefusedInWords() throws IOException {
        Path corpus = Path.of("src/test/resources/dev/openaccess/core/fuzz/ReaderFuzzTestInputs/openvino");
        assertEquals(81, read(Files.readAllBytes(corpus.resolve("ir-v11"))).parameters().total());
        Map<String, String> refusals = Map.of(
                "billion-laughs", "declares a DTD or entity",
                "external-entity", "declares a DTD or entity",
                "utf16-doctype", "holds a NUL byte",
                "offset-overflow", "overflows 64 bits",
                "shape-overflow", "overflows a 64-bit element count",
                "unclosed", "is not well-formed XML",
                "old-ir", "is IR version 7");
        refusals.forEach((seed, words) -> {
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> read(Files.readAllBytes(corpus.resolve(seed))), seed);
            assertEquals("model.xml", e.path());
            assertTrue(e.problem().contains(words), seed + ": " + e.getMessage());
        });
    }
}
