package dev.openaccess.core.descriptor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The rungs of the hardware ladder, smallest first. */
public enum Tier {
    LAPTOP("laptop"),
    SINGLE_CONSUMER_GPU("single-consumer-gpu"),
    SINGLE_DATACENTER_GPU("single-datacenter-gpu"),
    MULTI_GPU_NODE("multi-gpu-node"),
    /** Beyond any single node: what no catalog profile fits. */
    CLUSTER("cluster");

    private final String id;

    Tier(String id) {
        this.id = id;
    }

    /** The rung's name in descriptors ({@code readiness.tier}). */
    @JsonValue
    public String id() {
        return id;
    }

    /** The rung a descriptor names; an unknown name is refused (the schema allows only these). */
    @JsonCreator
    static Tier fromId(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException("not a tier: " + id));
    }

    public static Optional<Tier> byId(String id) {
        return Arrays.stream(values()).filter(tier -> tier.id.equals(id)).findFirst();
    }

    /** The descriptor's name, so that words built from the value read as the descriptor writes it. */
    @Override
    public String toString() {
        return id();
    }
}
