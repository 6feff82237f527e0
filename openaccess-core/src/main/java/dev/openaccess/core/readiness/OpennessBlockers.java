package dev.openaccess.core.readiness;

import dev.openaccess.core.descriptor.Access;
import dev.openaccess.core.descriptor.ChannelType;
import dev.openaccess.core.descriptor.LicenseClass;
import dev.openaccess.core.descriptor.Openness;
import dev.openaccess.core.descriptor.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The obstacles to access that are not hardware: weights that are not released or not openly licensed, training
 * data that is not released, and a model too large to run whose producer offers no other way to use it.
 */
final class OpennessBlockers {

    private static final String WEIGHTS = "Model parameters (Final)";
    private static final String DATASETS = "Datasets";

    List<String> blockers(Openness openness, Access access, Tier tier, String minimumProfile) {
        List<String> blockers = new ArrayList<>();
        boolean hosted = access.channels().stream().anyMatch(channel -> channel.type() == ChannelType.HOSTED_API
                || channel.type() == ChannelType.RESEARCH_PROGRAM);
        Optional<Openness.Component> weights = component(openness, WEIGHTS);
        if (weights.isEmpty() || !weights.get().released()) {
            blockers.add("weights not released" + (hosted ? ": the model can only be used through its hosted API or"
                    + " research program" : " and no hosted API or research program: nobody outside its producer can"
                    + " use the model"));
        } else if (weights.get().license() == null) {
            blockers.add("weights released without a licence: nobody may legally reuse or redistribute them");
        } else if (weights.get().licenseClass() == LicenseClass.RESTRICTED) {
            Openness.License license = license(openness, weights.get().license());
            blockers.add("weights released under a restricted licence: "
                    + (license.name() != null ? license.name() : license.id())
                    + (license.restrictions() != null ? " (" + license.restrictions() + ")" : ""));
        } else if (weights.get().licenseClass() == LicenseClass.UNKNOWN) {
            blockers.add("the weights' licence, " + weights.get().license() + ", is not known to be open: check its"
                    + " terms before use");
        }
        Optional<Openness.Component> data = component(openness, DATASETS);
        if (data.isEmpty() || !data.get().released()) {
            blockers.add("training data not released: the model cannot be reproduced");
        }
        if (weights.isPresent() && weights.get().released() && !hosted
                && tier.compareTo(Tier.MULTI_GPU_NODE) >= 0) {
            blockers.add("no hosted API or research program: only owners of "
                    + (tier == Tier.CLUSTER ? "a cluster" : "a multi-GPU node (" + minimumProfile + ")")
                    + " can use it");
        }
        boolean openDownload = access.channels().stream().anyMatch(c -> c.type() == ChannelType.DOWNLOAD);
        access.channels().stream().filter(c -> c.type() == ChannelType.GATED_DOWNLOAD).findFirst()
                .filter(gated -> !openDownload)
                .ifPresent(gated -> blockers.add("weights downloadable only by approval"
                        + (gated.eligibility() != null ? " (" + gated.eligibility() + ")" : "")
                        + (gated.terms() != null ? ": " + gated.terms() : "")));
        return blockers;
    }

    private static Optional<Openness.Component> component(Openness openness, String name) {
        return openness.components().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static Openness.License license(Openness openness, String id) {
        return openness.licenses().stream().filter(l -> l.id().equals(id)).findFirst()
                .orElse(new Openness.License(id, null, LicenseClass.UNKNOWN, null, null, null));
    }
}
