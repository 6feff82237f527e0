package dev.openaccess.core.openness;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns the {@code <licenses>} of a pom into an SPDX expression: each licence by its id if the name is one, else by
 * its full SPDX name, a common spelling, or its URL; several licences are alternatives ({@code OR}), as a pom lists
 * the licences a project is offered under.
 */
public final class PomLicenses {

    /** One {@code <license>} of a pom. */
    public record PomLicense(String name, String url) {
    }

    /** Spellings poms commonly use that are not SPDX's full names. */
    private static final Map<String, String> COMMON_NAMES = Map.ofEntries(
            Map.entry("the apache software license, version 2.0", "Apache-2.0"),
            Map.entry("apache license, version 2.0", "Apache-2.0"),
            Map.entry("the apache license, version 2.0", "Apache-2.0"),
            Map.entry("apache 2.0", "Apache-2.0"),
            Map.entry("apache 2", "Apache-2.0"),
            Map.entry("asl 2.0", "Apache-2.0"),
            Map.entry("the mit license", "MIT"),
            Map.entry("mit", "MIT"),
            Map.entry("bsd 3-clause", "BSD-3-Clause"),
            Map.entry("the bsd 3-clause license", "BSD-3-Clause"),
            Map.entry("bsd-3-clause license", "BSD-3-Clause"),
            Map.entry("bsd 2-clause", "BSD-2-Clause"),
            Map.entry("eclipse public license - v 2.0", "EPL-2.0"),
            Map.entry("eclipse public license v2.0", "EPL-2.0"),
            Map.entry("eclipse public license - v 1.0", "EPL-1.0"),
            Map.entry("gnu lesser general public license, version 2.1", "LGPL-2.1-only"),
            Map.entry("mozilla public license, version 2.0", "MPL-2.0"),
            Map.entry("creative commons attribution 4.0 international", "CC-BY-4.0"));

    private PomLicenses() {
    }

    /** The licences as one SPDX expression, empty when the pom names none. */
    public static Optional<String> expression(List<PomLicense> licenses) {
        List<String> ids = licenses.stream().map(PomLicenses::id).filter(id -> id != null && !id.isBlank())
                .distinct().toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ids.size() == 1 ? ids.get(0) : ids.stream()
                .map(id -> id.contains(" ") ? "(" + id + ")" : id).collect(Collectors.joining(" OR ")));
    }

    /** The licence's SPDX id when it can be told, else its name as written (or its URL when it has no name). */
    static String id(PomLicense license) {
        SpdxLicenses spdx = SpdxLicenses.list();
        String name = license.name() == null ? null : license.name().trim();
        if (name != null && !name.isEmpty()) {
            Optional<String> known = spdx.byId(name).map(SpdxLicenses.SpdxLicense::id)
                    .or(() -> spdx.byName(name).map(SpdxLicenses.SpdxLicense::id))
                    .or(() -> Optional.ofNullable(COMMON_NAMES.get(name.toLowerCase(Locale.ROOT))));
            if (known.isPresent()) {
                return known.get();
            }
        }
        if (license.url() != null && !license.url().isBlank()) {
            Optional<String> byUrl = spdx.byUrl(license.url()).map(SpdxLicenses.SpdxLicense::id);
            if (byUrl.isPresent()) {
                return byUrl.get();
            }
        }
        return name != null && !name.isEmpty() ? name : license.url();
    }
}
