package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Access;
import dev.openaccess.core.descriptor.Descriptor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The artifact must be reachable through at least one channel of {@code types}. */
public record RequireAccessChannel(Set<String> types) implements PolicyRule {

    public RequireAccessChannel {
        types = new TreeSet<>(types);
        for (String type : types) {
            if (!Access.TYPES.contains(type)) {
                throw new IllegalArgumentException("requireAccessChannel '" + type + "' is not one of "
                        + String.join(", ", Access.TYPES));
            }
        }
    }

    @Override
    public String describe() {
        return "requireAccessChannel=" + String.join(",", types);
    }

    @Override
    public Optional<String> violation(Descriptor descriptor) {
        List<String> offered = descriptor.access() == null ? List.of()
                : descriptor.access().channels().stream().map(Access.Channel::type).distinct().toList();
        if (offered.stream().anyMatch(types::contains)) {
            return Optional.empty();
        }
        return Optional.of("no " + String.join(" or ", types) + " channel (offered: "
                + (offered.isEmpty() ? "none" : String.join(", ", offered)) + ")");
    }
}
