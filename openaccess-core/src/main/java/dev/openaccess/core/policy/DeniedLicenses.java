package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.openness.LicenseExpression;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The weights may not be usable only under a licence of {@code licenses}: a denied licence that must be accepted
 * ({@code AND}) breaks the rule, one with an alternative ({@code OR}) does not. A descriptor without a weights
 * licence breaks no denial.
 */
public record DeniedLicenses(Set<String> licenses) implements PolicyRule {

    public DeniedLicenses {
        licenses = licenses.stream().map(id -> id.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public String describe() {
        return "deniedLicenses=" + String.join(",", licenses);
    }

    @Override
    public Optional<String> violation(Descriptor descriptor) {
        if (Weights.unjudgeable(descriptor).isPresent()) {
            return Optional.empty();
        }
        String license = Weights.of(descriptor).orElseThrow().license();
        boolean denied = LicenseExpression.parse(license).fold(id -> licenses.contains(id.id().toLowerCase(
                Locale.ROOT)), Boolean::logicalOr, Boolean::logicalAnd);
        return denied ? Optional.of("the weights are under " + license + ", a denied licence") : Optional.empty();
    }
}
