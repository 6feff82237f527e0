package dev.openaccess.core.estimate;

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
    public String id() {
        return id;
    }

    public static Optional<Tier> byId(String id) {
        return Arrays.stream(values()).filter(tier -> tier.id.equals(id)).findFirst();
    }
}
