package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Access;
import dev.openaccess.core.descriptor.ChannelType;
import dev.openaccess.core.descriptor.Descriptor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The artifact must be reachable through at least one channel of {@code types}. */
public record RequireAccessChannel(Set<ChannelType> types) implements PolicyRule {

    public RequireAccessChannel {
        types = new TreeSet<>(types);
    }

    /** The rule as a pom names the types; one that is not a channel type is refused naming the parameter. */
    public static RequireAccessChannel of(Set<String> names) {
        Set<ChannelType> types = new TreeSet<>();
        for (String name : names) {
            try {
                types.add(ChannelType.parse(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("requireAccessChannel: " + e.getMessage(), e);
            }
        }
        return new RequireAccessChannel(types);
    }

    @Override
    public String describe() {
        return "requireAccessChannel=" + types.stream().map(ChannelType::id).collect(Collectors.joining(","));
    }

    @Override
    public Optional<String> violation(Descriptor descriptor) {
        List<ChannelType> offered = descriptor.access() == null ? List.of()
                : descriptor.access().channels().stream().map(Access.Channel::type).distinct().toList();
        if (offered.stream().anyMatch(types::contains)) {
            return Optional.empty();
        }
        return Optional.of("no " + types.stream().map(ChannelType::id).collect(Collectors.joining(" or "))
                + " channel (offered: " + (offered.isEmpty() ? "none"
                : offered.stream().map(ChannelType::id).collect(Collectors.joining(", "))) + ")");
    }
}
