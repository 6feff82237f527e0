package dev.openaccess.core.descriptor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Which bound caps a profile's decode speed ({@code requirements.profiles[].decodeBound}). */
public enum DecodeBound {
    /** Memory bandwidth over the bytes one step reads. */
    BANDWIDTH("bandwidth"),
    /** Throughput over the FLOPs one step computes. */
    COMPUTE("compute"),
    /** The runtime's own work per node of the step's graph, whatever the node computes: what caps small models. */
    DISPATCH("dispatch");

    private final String id;

    DecodeBound(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The bound a descriptor names; an unknown name is refused (the schema allows only these). */
    @JsonCreator
    static DecodeBound fromId(String id) {
        return Arrays.stream(values()).filter(bound -> bound.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a decode bound: " + id));
    }

    @Override
    public String toString() {
        return id;
    }
}
