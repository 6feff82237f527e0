package dev.openaccess.core.openness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openaccess.core.descriptor.LicenseClass;
import dev.openaccess.core.descriptor.Openness;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Classifies a licence, or an SPDX licence expression, as open, restricted or unknown.
 *
 * <p>Open: OSI-approved or FSF-libre (SPDX License List), an open-data licence the Model Openness Framework accepts,
 * or OpenMDW-1.0. Restricted: the licences of {@code restricted-licenses.json} (community licences with
 * acceptable-use policies or user thresholds, RAIL licences, non-commercial and no-derivatives licences). An
 * expression is as open as its best alternative ({@code OR}) and as restricted as its worst part ({@code AND});
 * an exception ({@code WITH}) keeps the class of the licence it modifies.
 */
public final class LicenseClassifier {

    /**
     * Open-data licences the Model Openness Framework accepts for data and documentation (the Model Openness Tool's
     * list), and OpenMDW-1.0, the open licence it accepts for whole model distributions.
     */
    static final Set<String> MOF_OPEN_LICENSES = Set.of("CC0-1.0", "CC-BY-1.0", "CC-BY-2.0", "CC-BY-2.5",
            "CC-BY-2.5-AU", "CC-BY-3.0", "CC-BY-3.0-AT", "CC-BY-3.0-AU", "CC-BY-3.0-DE", "CC-BY-3.0-IGO",
            "CC-BY-3.0-NL", "CC-BY-3.0-US", "CC-BY-4.0", "CC-BY-SA-1.0", "CC-BY-SA-2.0", "CC-BY-SA-2.0-UK",
            "CC-BY-SA-2.1-JP", "CC-BY-SA-2.5", "CC-BY-SA-3.0", "CC-BY-SA-3.0-AT", "CC-BY-SA-4.0",
            "CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0", "ODC-PDDL-1.0", "PDDL-1.0",
            "ODC-By-1.0", "ODbL-1.0", "GFDL-1.3", "OGL-Canada-2.0", "OGL-UK-2.0", "OGL-UK-3.0", "OpenMDW-1.0");

    private record Restricted(String id, String name, String restrictions) {
    }

    private record RestrictedPattern(Pattern pattern, String restrictions) {
    }

    private static final Map<String, Restricted> RESTRICTED = new HashMap<>();
    private static final List<RestrictedPattern> RESTRICTED_PATTERNS = new ArrayList<>();

    static {
        try (InputStream in = LicenseClassifier.class.getResourceAsStream("restricted-licenses.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (JsonNode node : root.path("licenses")) {
                Restricted restricted = new Restricted(node.path("id").asText(), node.path("name").asText(),
                        node.path("restrictions").asText());
                RESTRICTED.put(key(restricted.id()), restricted);
                node.path("aliases").forEach(alias -> RESTRICTED.put(key(alias.asText()), restricted));
            }
            for (JsonNode node : root.path("patterns")) {
                RESTRICTED_PATTERNS.add(new RestrictedPattern(Pattern.compile(node.path("pattern").asText(),
                        Pattern.CASE_INSENSITIVE), node.path("restrictions").asText()));
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read the restricted licence list", e);
        }
    }

    private final SpdxLicenses spdx = SpdxLicenses.list();

    /** The assessment of {@code expression}, an SPDX id, expression, {@code LicenseRef-…} or licence name. */
    public Openness.License classify(String expression) {
        LicenseExpression parsed = LicenseExpression.parse(expression);
        if (parsed instanceof LicenseExpression.Id id) {
            return single(id.id());
        }
        LicenseClass licenseClass = parsed.fold(id -> single(id.id()).licenseClass(), LicenseClass::and,
                LicenseClass::or);
        List<String> restrictions = parsed.fold(id -> {
            String restricted = single(id.id()).restrictions();
            return restricted == null ? List.<String>of() : List.of(id.id() + ": " + restricted);
        }, LicenseClassifier::concat, LicenseClassifier::concat);
        return new Openness.License(expression.trim(), null, licenseClass, null, null,
                licenseClass == LicenseClass.RESTRICTED && !restrictions.isEmpty() ? String.join("; ", restrictions)
                        : null);
    }

    /** A single licence: restricted lists first (a RAIL licence is no SPDX id), then SPDX, then open data. */
    private Openness.License single(String id) {
        Restricted restricted = RESTRICTED.get(key(id));
        if (restricted != null) {
            return new Openness.License(id, restricted.name(), LicenseClass.RESTRICTED, false, false,
                    restricted.restrictions());
        }
        Optional<SpdxLicenses.SpdxLicense> listed = spdx.byId(id);
        if (listed.isPresent()) {
            SpdxLicenses.SpdxLicense license = listed.get();
            Optional<String> restrictions = RESTRICTED_PATTERNS.stream()
                    .filter(pattern -> pattern.pattern().matcher(license.id()).matches())
                    .map(RestrictedPattern::restrictions).findFirst();
            LicenseClass licenseClass = restrictions.isPresent() ? LicenseClass.RESTRICTED
                    : license.osiApproved() || license.fsfLibre() || MOF_OPEN_LICENSES.contains(license.id())
                    ? LicenseClass.OPEN : LicenseClass.UNKNOWN;
            return new Openness.License(license.id(), license.name(), licenseClass, license.osiApproved(),
                    license.fsfLibre(), restrictions.orElse(null));
        }
        Optional<SpdxLicenses.SpdxLicense> named = spdx.byName(id);
        if (named.isPresent()) {
            return single(named.get().id()); // a full name ("Apache License 2.0") for its id
        }
        if (MOF_OPEN_LICENSES.contains(id)) {
            return new Openness.License(id, null, LicenseClass.OPEN, false, false, null);
        }
        return new Openness.License(id, null, LicenseClass.UNKNOWN, null, null, null);
    }

    /** Whether {@code expression} is OSI-approved throughout: every licence that may have to be accepted is. */
    public boolean osiApproved(String expression) {
        return LicenseExpression.parse(expression).fold(id -> Boolean.TRUE.equals(single(id.id()).osiApproved()),
                Boolean::logicalAnd, Boolean::logicalOr);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    private static String key(String id) {
        return id.trim().toLowerCase(Locale.ROOT);
    }
}
