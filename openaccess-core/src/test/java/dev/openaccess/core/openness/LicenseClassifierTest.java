package dev.openaccess.core.openness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Openness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Licences classified open, restricted or unknown, against the SPDX list and the restricted-licence table. */
class LicenseClassifierTest {

    private final LicenseClassifier classifier = new LicenseClassifier();

    @Test
    void osiApprovedAndFsfLibreLicencesAreOpen() {
        assertEquals(new Openness.License("MIT", "MIT License", "open", true, true, null), classifier.classify("MIT"));
        assertEquals("MIT", classifier.classify("mit").id(), "SPDX ids match case-insensitively");
        // WTFPL: FSF-libre, not OSI-approved: open, and says so
        Openness.License wtfpl = classifier.classify("WTFPL");
        assertEquals("open", wtfpl.licenseClass());
        assertEquals(false, wtfpl.osiApproved());
        assertEquals(true, wtfpl.fsfLibre());
        // a full SPDX name is recognised for its id
        assertEquals("Apache-2.0", classifier.classify("Apache License 2.0").id());
        assertEquals("SPDX License List 3.28.0", "SPDX License List " + SpdxLicenses.list().version());
    }

    @Test
    void openDataLicencesTheFrameworkAcceptsAreOpenButNotOsiApproved() {
        Openness.License ccBy = classifier.classify("CC-BY-4.0");
        assertEquals("open", ccBy.licenseClass());
        assertFalse(classifier.osiApproved("CC-BY-4.0"));
        assertEquals("open", classifier.classify("CDLA-Permissive-2.0").licenseClass());
        assertEquals("open", classifier.classify("OpenMDW-1.0").licenseClass());
    }

    @Test
    void communityLicencesWithUseRestrictionsAreNamedAsSuch() {
        Openness.License llama = classifier.classify("llama3");
        assertEquals("restricted", llama.licenseClass());
        assertEquals("Meta Llama 3 Community License Agreement", llama.name());
        assertTrue(llama.restrictions().contains("700 million monthly active users"), llama.restrictions());
        assertEquals("restricted", classifier.classify("LicenseRef-Llama-2").licenseClass());
        assertEquals("restricted", classifier.classify("bigscience-openrail-m").licenseClass());
        assertEquals("restricted", classifier.classify("gemma").licenseClass());
        Openness.License nonCommercial = classifier.classify("CC-BY-NC-4.0");
        assertEquals("restricted", nonCommercial.licenseClass());
        assertEquals("non-commercial use only", nonCommercial.restrictions());
        assertEquals("restricted", classifier.classify("CC-BY-NC-SA-4.0").licenseClass());
        assertEquals("restricted", classifier.classify("CC-BY-ND-4.0").licenseClass());
    }

    @Test
    void whatIsNeitherIsUnknown() {
        // listed by SPDX, but neither OSI-approved, FSF-libre nor open data
        Openness.License beerware = classifier.classify("Beerware");
        assertEquals("unknown", beerware.licenseClass());
        assertEquals("Beerware License", beerware.name());
        Openness.License custom = classifier.classify("LicenseRef-Acme-Model-License");
        assertEquals("unknown", custom.licenseClass());
        assertNull(custom.name());
        assertNull(custom.osiApproved());
    }

    @Test
    void expressionsAreAsOpenAsTheirBestAlternativeAndAsRestrictedAsTheirWorstPart() {
        assertEquals("open", classifier.classify("Apache-2.0 OR LicenseRef-Llama-3").licenseClass());
        Openness.License both = classifier.classify("Apache-2.0 AND CC-BY-NC-4.0");
        assertEquals("restricted", both.licenseClass());
        assertEquals("CC-BY-NC-4.0: non-commercial use only", both.restrictions());
        assertEquals("unknown", classifier.classify("MIT AND LicenseRef-Custom").licenseClass());
        assertEquals("open", classifier.classify("GPL-2.0-only WITH Classpath-exception-2.0").licenseClass());
        assertEquals("open", classifier.classify("(MIT OR Beerware) AND Apache-2.0").licenseClass());
        assertTrue(classifier.osiApproved("GPL-2.0-only WITH Classpath-exception-2.0"));
        assertTrue(classifier.osiApproved("MIT OR Apache-2.0"));
        assertFalse(classifier.osiApproved("MIT AND CC-BY-4.0"), "CC-BY-4.0 must be accepted too, and is not OSI");
        // a malformed expression is judged whole: unknown
        assertEquals("unknown", classifier.classify("MIT AND (Apache-2.0").licenseClass());
    }

    @Test
    void pomLicencesBecomeSpdxExpressions() {
        assertEquals("Apache-2.0", PomLicenses.expression(List.of(new PomLicenses.PomLicense(
                "The Apache Software License, Version 2.0", "https://www.apache.org/licenses/LICENSE-2.0.txt")))
                .orElseThrow());
        assertEquals("Apache-2.0", PomLicenses.expression(List.of(new PomLicenses.PomLicense(null,
                "http://www.apache.org/licenses/LICENSE-2.0/"))).orElseThrow(), "by URL alone");
        assertEquals("EPL-2.0 OR MIT", PomLicenses.expression(List.of(
                new PomLicenses.PomLicense("Eclipse Public License - v 2.0", null),
                new PomLicenses.PomLicense("MIT License", "https://opensource.org/licenses/MIT"))).orElseThrow());
        assertEquals("Acme Internal", PomLicenses.expression(List.of(new PomLicenses.PomLicense("Acme Internal",
                null))).orElseThrow(), "what cannot be told stays as written");
        assertTrue(PomLicenses.expression(List.of()).isEmpty());
    }
}
