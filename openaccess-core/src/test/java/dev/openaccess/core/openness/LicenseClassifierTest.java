package dev.openaccess.core.openness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.LicenseClass;
import dev.openaccess.core.descriptor.Openness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Licences classified open, restricted or unknown, against the SPDX list and the restricted-licence table. */
class LicenseClassifierTest {

    private final LicenseClassifier classifier = new LicenseClassifier();

    @Test
    void osiApprovedAndFsfLibreLicencesAreOpen() {
        assertEquals(new Openness.License("MIT", "MIT License", LicenseClass.OPEN, true, true, null), classifier.classify("MIT"));
        assertEquals("MIT", classifier.classify("mit").id(), "SPDX ids match case-insensitively");
        // WTFPL: FSF-libre, not OSI-approved: open, and says so
        Openness.License wtfpl = classifier.classify("WTFPL");
        assertEquals(LicenseClass.OPEN, wtfpl.licenseClass());
        assertEquals(false, wtfpl.osiApproved());
        assertEquals(true, wtfpl.fsfLibre());
        // a full SPDX name is recognised for its id
        assertEquals("Apache-2.0", classifier.classify("Apache License 2.0").id());
        assertEquals("SPDX License List 3.28.0", "SPDX License List " + SpdxLicenses.list().version());
    }

    @Test
    void openDataLicencesTheFrameworkAcceptsAreOpenButNotOsiApproved() {
        Openness.License ccBy = classifier.classify("CC-BY-4.0");
        assertEquals(LicenseClass.OPEN, ccBy.licenseClass());
        assertFalse(classifier.osiApproved("CC-BY-4.0"));
        assertEquals(LicenseClass.OPEN, classifier.classify("CDLA-Permissive-2.0").licenseClass());
        assertEquals(LicenseClass.OPEN, classifier.classify("OpenMDW-1.0").licenseClass());
    }

    @Test
    void communityLicencesWithUseRestrictionsAreNamedAsSuch() {
        Openness.License llama = classifier.classify("llama3");
        assertEquals(LicenseClass.RESTRICTED, llama.licenseClass());
        assertEquals("Meta Llama 3 Community License Agreement", llama.name());
        assertTrue(llama.restrictions().contains("700 million monthly active users"), llama.restrictions());
        assertEquals(LicenseClass.RESTRICTED, classifier.classify("LicenseRef-Llama-2").licenseClass());
        assertEquals(LicenseClass.RESTRICTED, classifier.classify("bigscience-openrail-m").licenseClass());
        assertEquals(LicenseClass.RESTRICTED, classifier.classify("gemma").licenseClass());
        Openness.License nonCommercial = classifier.classify("CC-BY-NC-4.0");
        assertEquals(LicenseClass.RESTRICTED, nonCommercial.licenseClass());
        assertEquals("non-commercial use only", nonCommercial.restrictions());
        assertEquals(LicenseClass.RESTRICTED, classifier.classify("CC-BY-NC-SA-4.0").licenseClass());
        assertEquals(LicenseClass.RESTRICTED, classifier.classify("CC-BY-ND-4.0").licenseClass());
    }

    @Test
    void whatIsNeitherIsUnknown() {
        // listed by SPDX, but neither OSI-approved, FSF-libre nor open data
        Openness.License beerware = classifier.classify("Beerware");
        assertEquals(LicenseClass.UNKNOWN, beerware.licenseClass());
        assertEquals("Beerware License", beerware.name());
        Openness.License custom = classifier.classify("LicenseRef-Acme-Model-License");
        assertEquals(LicenseClass.UNKNOWN, custom.licenseClass());
        assertNull(custom.name());
        assertNull(custom.osiApproved());
    }

    @Test
    void expressionsAreAsOpenAsTheirBestAlternativeAndAsRestrictedAsTheirWorstPart() {
        assertEquals(LicenseClass.OPEN, classifier.classify("Apache-2.0 OR LicenseRef-Llama-3").licenseClass());
        Openness.License both = classifier.classify("Apache-2.0 AND CC-BY-NC-4.0");
        assertEquals(LicenseClass.RESTRICTED, both.licenseClass());
        assertEquals("CC-BY-NC-4.0: non-commercial use only", both.restrictions());
        assertEquals(LicenseClass.UNKNOWN, classifier.classify("MIT AND LicenseRef-Custom").licenseClass());
        assertEquals(LicenseClass.OPEN, classifier.classify("GPL-2.0-only WITH Classpath-exception-2.0").licenseClass());
        assertEquals(LicenseClass.OPEN, classifier.classify("(MIT OR Beerware) AND Apache-2.0").licenseClass());
        assertTrue(classifier.osiApproved("GPL-2.0-only WITH Classpath-exception-2.0"));
        assertTrue(classifier.osiApproved("MIT OR Apache-2.0"));
        assertFalse(classifier.osiApproved("MIT AND CC-BY-4.0"), "CC-BY-4.0 must be accepted too, and is not OSI");
        // a malformed expression is judged whole: unknown
        assertEquals(LicenseClass.UNKNOWN, classifier.classify("MIT AND (Apache-2.0").licenseClass());
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
