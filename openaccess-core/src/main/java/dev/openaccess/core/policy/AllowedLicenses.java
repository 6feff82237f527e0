package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.openness.LicenseExpression;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The weights' licence must be one of {@code licenses}: for an expression, every licence that must be accepted
 * ({@code AND}) is allowed, and of alternatives ({@code OR}) at least one is. Ids compare case-insensitively.
 */
public record AllowedLicenses(Set<String> licenses) implements PolicyRule {

    public AllowedLicenses {
        licenses = licenses.stream().map(id -> id.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public String describe() {
        return "allowedLicenses=" + String.join(",", licenses);
    }

    @Override
    public Optional<String> violation(Descriptor descriptor) {
        Optional<String> unjudgeable = Weights.unjudgeable(descriptor);
        if (unjudgeable.isPresent()) {
            return unjudgeable;
        }
        String license = Weights.of(descriptor).orElseThrow().license();
        boolean allowed = LicenseExpression.parse(license).fold(id -> licenses.contains(id.id().toLowerCase(
                Locale.ROOT)), Boolean::logicalAnd, Boolean::logicalOr);
        return allowed ? Optional.empty() : Optional.of("the weights' licence " + license + " is not among the allowed ("
                + String.join(", ", licenses) + ")");
    }
}
