package dev.openaccess.core.cyclonedx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.DescriptorJsonTest;
import dev.openaccess.core.descriptor.LicenseClass;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.Openness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ML-BOM export: valid CycloneDX 1.6, the descriptor's own figures, reproducible. */
class CycloneDxExportTest {

    private static List<ParseException> violations(byte[] json) throws Exception {
        return new JsonParser().validate(json, CycloneDxExport.VERSION);
    }

    @Test
    void aHandMadeDescriptorExportsAsAValidMlBom() throws Exception {
        Descriptor descriptor = DescriptorJsonTest.handMade();
        byte[] json = CycloneDxExport.toJson(descriptor);
        assertEquals(List.of(), violations(json), new String(json, StandardCharsets.UTF_8));
        Bom bom = new JsonParser().parse(json);
        assertEquals("1.6", bom.getSpecVersion());
        Component model = bom.getComponents().get(0);
        assertEquals(Component.Type.MACHINE_LEARNING_MODEL, model.getType());
        assertEquals("model:lib/model.jar!/weights/model.safetensors", model.getBomRef());
        assertEquals("1000", CycloneDxExport.property(model, "openaccess:model:parameterCount").orElseThrow());
        assertEquals("250", CycloneDxExport.property(model, "openaccess:model:activeParameterCount").orElseThrow());
        assertEquals("BF16,F32", CycloneDxExport.property(model, "openaccess:model:quantization").orElseThrow());
        assertEquals("1343177260", CycloneDxExport.property(model, "openaccess:inference:totalBytes").orElseThrow());
        assertEquals("Apache-2.0", model.getLicenses().getLicenses().get(0).getId());
        assertEquals("mistral", model.getModelCard().getModelParameters().getArchitectureFamily());
        assertEquals(List.of("a blocker", "another blocker"),
                model.getModelCard().getConsiderations().getTechnicalLimitations());

        Component subject = bom.getMetadata().getComponent();
        assertEquals("pkg:maven/org.example/model@1.0?type=jar", subject.getPurl());
        assertEquals("a".repeat(64), subject.getHashes().get(0).getValue());
        assertEquals("none", CycloneDxExport.property(subject, "openaccess:mofClass").orElseThrow());
        assertEquals("false", CycloneDxExport.property(subject, "openaccess:osaid:compatible").orElseThrow());
        assertEquals("cluster", CycloneDxExport.property(subject, "openaccess:tier").orElseThrow());
        assertEquals("450000000000000", CycloneDxExport.property(subject, "openaccess:training:flops").orElseThrow());
        assertEquals("https://api.example.org/v1", subject.getExternalReferences().get(0).getUrl());
        assertEquals("openaccess", bom.getMetadata().getToolChoice().getComponents().get(0).getName());
    }

    @Test
    void aDescribedModelExportsItsFiguresAndTheSameBytesTwice(@TempDir Path base) throws Exception {
        Descriptor descriptor = DescriptorJsonTest.described(base);
        byte[] first = CycloneDxExport.toJson(descriptor);
        assertArrayEquals(first, CycloneDxExport.toJson(descriptor), "no timestamp, no random serial number");
        assertEquals(List.of(), violations(first));
        String json = new String(first, StandardCharsets.UTF_8);
        assertFalse(json.contains("\"timestamp\""), json);
        assertTrue(json.contains("\"cdx:reproducible\""), json);
        Component model = new JsonParser().parse(first).getComponents().get(0);
        ModelEntry entry = descriptor.models().get(0);
        assertEquals(Long.toString(entry.parameters().total()),
                CycloneDxExport.property(model, "openaccess:model:parameterCount").orElseThrow());
        assertEquals(entry.sha256(), model.getHashes().get(0).getValue());
        assertEquals(Long.toString(descriptor.requirements().models().get(0).inference().totalBytes()),
                CycloneDxExport.property(model, "openaccess:inference:totalBytes").orElseThrow());
        assertNull(model.getLicenses(), "no openness assessed, no licence claimed");
    }

    @Test
    void restrictedAndCustomLicencesAreNamedNotPassedOffAsSpdxIds() throws Exception {
        Descriptor base = DescriptorJsonTest.handMade();
        for (String weights : List.of("llama3", "LicenseRef-Acme", "MIT OR Apache-2.0")) {
            Openness openness = new Openness(List.of(new Openness.Component("Model parameters (Final)", true, weights,
                    null, LicenseClass.RESTRICTED, null)), List.of(new dev.openaccess.core.openness.LicenseClassifier()
                    .classify(weights)), null, java.util.Map.of(), new Openness.Osaid(false, List.of("x")));
            Descriptor descriptor = new Descriptor(base.schemaVersion(), base.subject(), base.generator(),
                    base.models(), base.requirements(), openness, base.access(), base.readiness());
            byte[] json = CycloneDxExport.toJson(descriptor);
            assertEquals(List.of(), violations(json), weights);
            Component model = new JsonParser().parse(json).getComponents().get(0);
            switch (weights) {
                case "llama3" -> assertEquals("Meta Llama 3 Community License Agreement",
                        model.getLicenses().getLicenses().get(0).getName());
                case "LicenseRef-Acme" -> assertEquals("LicenseRef-Acme",
                        model.getLicenses().getLicenses().get(0).getName());
                default -> assertEquals("MIT OR Apache-2.0", model.getLicenses().getExpression().getValue());
            }
        }
    }
}
