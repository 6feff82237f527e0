package dev.openaccess.core.descriptor;

import java.util.List;

/** Hardware requirements of the artifact, under the stated assumptions. */
public record Requirements(Assumptions assumptions, Inference inference, List<ProfileFit> profiles) {

    public Requirements {
        profiles = List.copyOf(profiles);
    }
}
