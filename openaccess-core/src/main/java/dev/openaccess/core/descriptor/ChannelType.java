package dev.openaccess.core.descriptor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a model can be reached. */
public enum ChannelType {
    /** Anyone may download the weights. */
    DOWNLOAD("download"),
    /** The weights are downloaded after the producer approves a request or terms are accepted. */
    GATED_DOWNLOAD("gated-download"),
    /** The model answers through an API; the weights stay with the producer. */
    HOSTED_API("hosted-api"),
    /** Access granted to researchers through a program. */
    RESEARCH_PROGRAM("research-program");

    private final String id;

    ChannelType(String id) {
        this.id = id;
    }

    /** The type's name in descriptors ({@code access.channels[].type}). */
    @JsonValue
    public String id() {
        return id;
    }

    /** The type a pom or a policy names, refused in words when it is not one of these. */
    public static ChannelType parse(String id) {
        return byId(id == null ? null : id.trim()).orElseThrow(() -> new IllegalArgumentException("channel type '"
                + id + "' is not one of " + Arrays.stream(values()).map(ChannelType::id)
                .collect(Collectors.joining(", "))));
    }

    public static Optional<ChannelType> byId(String id) {
        return Arrays.stream(values()).filter(value -> value.id.equals(id)).findFirst();
    }

    /** The type a descriptor names; an unknown name is refused (the schema allows only these). */
    @JsonCreator
    static ChannelType fromId(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException("not a channel type: " + id));
    }

    /** The descriptor's name, so that words built from the value read as the descriptor writes it. */
    @Override
    public String toString() {
        return id();
    }
}
