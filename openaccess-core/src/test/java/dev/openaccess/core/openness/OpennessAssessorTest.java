package dev.openaccess.core.openness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Access;
import dev.openaccess.core.descriptor.ChannelType;
import dev.openaccess.core.descriptor.LicenseClass;
import dev.openaccess.core.descriptor.Openness;
import dev.openaccess.core.openness.ProducerDeclarations.DeclaredComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Model Openness Framework classes and the OSI Open Source AI Definition over declared and inferred components.
 */
class OpennessAssessorTest {

    private static final String COORDINATES = "org.example:model:1.0";

    private final OpennessAssessor assessor = new OpennessAssessor();

    private static ProducerDeclarations declared(List<DeclaredComponent> components, List<Access.Channel> channels,
                                                 String distribution) {
        return new ProducerDeclarations(components, channels, distribution, false, false, null, null);
    }

    /** Every component of the framework released: code under Apache-2.0, data and documents under CC-BY-4.0. */
    private static List<DeclaredComponent> everything(String weightsLicense) {
        List<DeclaredComponent> components = new ArrayList<>();
        for (MofComponent component : MofComponent.values()) {
            String license = component == MofComponent.MODEL_PARAMETERS_FINAL ? weightsLicense
                    : component.kind() == MofComponent.Kind.CODE ? "Apache-2.0" : "CC-BY-4.0";
            components.add(new DeclaredComponent(component.displayName(), true, license, "https://example.org/"
                    + component.name().toLowerCase()));
        }
        return components;
    }

    @Test
    void aFullyOpenReleaseIsClassIAndOpenSourceAi() {
        Openness openness = assessor.assess(declared(everything("Apache-2.0"), List.of(), null), COORDINATES, true)
                .openness();
        assertEquals("I", openness.mofClass());
        assertEquals(Map.of(), openness.mofGaps());
        assertTrue(openness.osaid().compatible(), openness.osaid().missing()::toString);
        assertEquals(17, openness.components().size());
        assertEquals(List.of("Apache-2.0", "CC-BY-4.0"), openness.licenses().stream().map(Openness.License::id)
                .toList());
        assertTrue(openness.components().stream().allMatch(c -> c.licenseClass() == LicenseClass.OPEN));
    }

    @Test
    void weightsUnderAnOpenDataLicenceAreClassIButNotOpenSourceAi() {
        // CC-BY-4.0 is an open licence the framework accepts for data, but the OSAID wants OSI-approved terms
        Openness openness = assessor.assess(declared(everything("CC-BY-4.0"), List.of(), null), COORDINATES, true)
                .openness();
        assertEquals("I", openness.mofClass());
        assertFalse(openness.osaid().compatible());
        assertEquals(List.of("parameters: Model parameters (Final) under CC-BY-4.0, not OSI-approved"),
                openness.osaid().missing());
    }

    @Test
    void classIiiNeedsItsSixComponentsAndAResearchPaperMayStandInForTheReport() {
        List<DeclaredComponent> classThree = List.of(
                new DeclaredComponent("Model architecture", true, "MIT", null),
                new DeclaredComponent("Model parameters (Final)", true, "Apache-2.0", null),
                new DeclaredComponent("Evaluation results", true, "CC-BY-4.0", null),
                new DeclaredComponent("Model card", true, "CC-BY-4.0", null),
                new DeclaredComponent("Data card", true, "CC-BY-4.0", null),
                new DeclaredComponent("Research paper", true, "CC-BY-4.0", null));
        Openness openness = assessor.assess(declared(classThree, List.of(), null), COORDINATES, true).openness();
        assertEquals("III", openness.mofClass());
        assertFalse(openness.mofGaps().containsKey("III"));
        // Class II still lacks its code and evaluation data; Class I also the datasets and more
        assertEquals(List.of("Training code: not released", "Inference code: not released",
                "Evaluation code: not released", "Evaluation data: not released"), openness.mofGaps().get("II"));
        // Class I: those four, and the datasets, the data preprocessing code and the intermediate parameters
        assertEquals(7, openness.mofGaps().get("I").size());
    }

    @Test
    void openWeightsUnderARestrictedLicenceReachNoClass() {
        List<DeclaredComponent> llama = List.of(
                new DeclaredComponent("Model architecture", true, "LicenseRef-Llama-3", null),
                new DeclaredComponent("Model parameters (Final)", true, "llama3", "https://huggingface.co/meta-llama"),
                new DeclaredComponent("Inference code", true, "LicenseRef-Llama-3", null),
                new DeclaredComponent("Model card", true, "LicenseRef-Llama-3", null),
                new DeclaredComponent("Datasets", false, null, null));
        Openness openness = assessor.assess(declared(llama, List.of(), null), COORDINATES, true).openness();
        assertNull(openness.mofClass());
        assertEquals(List.of("Model architecture: LicenseRef-Llama-3 is a restricted licence",
                "Model parameters (Final): llama3 is a restricted licence",
                "Evaluation results: not released", "Model card: LicenseRef-Llama-3 is a restricted licence",
                "Data card: not released", "Technical report: not released"), openness.mofGaps().get("III"));
        assertEquals(LicenseClass.RESTRICTED, openness.components().get(1).licenseClass());
        assertFalse(openness.osaid().compatible());
        assertTrue(openness.osaid().missing().contains(
                "data information: neither the datasets nor a data card describing them is released"));
        assertTrue(openness.osaid().missing().contains(
                "parameters: Model parameters (Final) under llama3, not OSI-approved"));
        assertTrue(openness.osaid().missing().contains("code: Training code not released"));
        Openness.License license = openness.licenses().stream().filter(l -> l.id().equals("llama3")).findFirst()
                .orElseThrow();
        assertEquals("Meta Llama 3 Community License Agreement", license.name());
    }

    @Test
    void nothingReleasedButAnApiReachesNothing() {
        Access.Channel api = new Access.Channel(ChannelType.HOSTED_API, "https://api.example.org/v1", "https://example.org/terms",
                null, "api-key", true, null, null);
        OpennessAssessor.Result result = assessor.assess(declared(List.of(
                new DeclaredComponent("Model parameters (Final)", false, null, null),
                new DeclaredComponent("Model card", true, "CC-BY-4.0", "https://example.org/card")),
                List.of(api), null), COORDINATES, false);
        Openness openness = result.openness();
        assertNull(openness.mofClass());
        assertEquals(List.of("I", "II", "III"), List.copyOf(openness.mofGaps().keySet()), "no class reached");
        assertTrue(openness.mofGaps().get("III").contains("Model parameters (Final): not released"));
        assertFalse(openness.osaid().compatible());
        assertEquals(List.of(api), result.access().channels());
    }

    @Test
    void theBuildFillsWhatThePomDoesNotDeclare() {
        ProducerDeclarations build = new ProducerDeclarations(
                List.of(new DeclaredComponent("Model card", null, null, "README.md")), List.of(), "Apache-2.0",
                true, true, null, null);
        OpennessAssessor.Result result = assessor.assess(build, COORDINATES, true);
        List<Openness.Component> components = result.openness().components();
        assertEquals(List.of(
                new Openness.Component("Model parameters (Final)", true, "Apache-2.0", COORDINATES, LicenseClass.OPEN, true),
                new Openness.Component("Model card", true, "Apache-2.0", "README.md", LicenseClass.OPEN, true),
                new Openness.Component("Inference code", true, "Apache-2.0", COORDINATES, LicenseClass.OPEN, true)),
                components, "the framework's order (class III first); a declared component without licence takes the pom's");
        assertEquals(List.of(new Access.Channel(ChannelType.DOWNLOAD, null, null, COORDINATES, null, null, null, true)),
                result.access().channels());

        // declared components win over inferred ones, and nothing is inferred when inference is off
        ProducerDeclarations withheld = new ProducerDeclarations(
                List.of(new DeclaredComponent("Model parameters (Final)", false, null, null)), List.of(),
                "Apache-2.0", true, false, null, null);
        OpennessAssessor.Result off = assessor.assess(withheld, COORDINATES, true);
        assertEquals(List.of(new Openness.Component("Model parameters (Final)", false, null, null, null, null)),
                off.openness().components());
        assertEquals(List.of(), off.access().channels());
    }

    @Test
    void declarationsAreValidatedWithMessagesThatNameTheProblem() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> declared(List.of(
                new DeclaredComponent("Weights", true, "MIT", null)), List.of(), null));
        assertTrue(name.getMessage().startsWith("component 'Weights' is not a Model Openness Framework component"),
                name.getMessage());
        assertTrue(name.getMessage().contains("Model parameters (Final)"), name.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> ChannelType.parse("torrent"));
        assertEquals("channel type 'torrent' is not one of download, gated-download, hosted-api, research-program",
                type.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> declared(List.of(),
                List.of(new Access.Channel(null, "magnet:?", null, null, null, null, null, null)), null));
        assertEquals("a channel needs a type (download, gated-download, hosted-api, research-program)",
                none.getMessage());
        IllegalArgumentException nowhere = assertThrows(IllegalArgumentException.class, () -> declared(List.of(),
                List.of(new Access.Channel(ChannelType.DOWNLOAD, null, null, null, null, null, null, null)), null));
        assertEquals("the download channel needs a url or Maven coordinates", nowhere.getMessage());
        // short names work too
        assertEquals(MofComponent.MODEL_PARAMETERS_FINAL, MofComponent.byName("model-parameters-final").orElseThrow());
        assertEquals(17, Arrays.stream(MofComponent.values()).count());
    }
}
