package dev.openaccess.core.openness;

import dev.openaccess.core.descriptor.Access;
import dev.openaccess.core.descriptor.ChannelType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the producer of an artifact declares, or its build tells, about its openness and access.
 *
 * @param components          components declared in the pom
 * @param channels            access channels declared in the pom
 * @param distributionLicense the licence the artifact is distributed under (the pom's {@code <licenses>} as an SPDX
 *                            expression), null when none is known
 * @param shipsCode           whether the artifact carries the project's own code (compiled sources), which the
 *                            distribution licence then covers as inference code
 * @param infer               whether to infer components and channels the pom does not declare
 * @param trainingHardware    the hardware the models were trained on, in the producer's words; null if undeclared
 * @param trainingEnergyKwh   the energy training took, in kilowatt-hours; null if undeclared
 */
public record ProducerDeclarations(List<DeclaredComponent> components, List<Access.Channel> channels,
                                   String distributionLicense, boolean shipsCode, boolean infer,
                                   String trainingHardware, Double trainingEnergyKwh) {

    /**
     * A component as the pom declares it.
     *
     * @param released default true
     * @param license  an SPDX id or expression, or {@code LicenseRef-…}; null to take the distribution licence
     */
    public record DeclaredComponent(String name, Boolean released, String license, String location) {
    }

    public ProducerDeclarations {
        components = List.copyOf(components);
        channels = List.copyOf(channels);
        for (DeclaredComponent component : components) {
            if (component.name() == null || MofComponent.byName(component.name()).isEmpty()) {
                throw new IllegalArgumentException("component '" + component.name() + "' is not a Model Openness"
                        + " Framework component (accepted: " + List.of(MofComponent.values()).stream()
                        .map(MofComponent::displayName).collect(Collectors.joining(", ")) + ")");
            }
        }
        if (trainingEnergyKwh != null && !(trainingEnergyKwh >= 0)) {
            throw new IllegalArgumentException("training energy must be a non-negative number of kWh, not "
                    + trainingEnergyKwh);
        }
        for (Access.Channel channel : channels) {
            if (channel.type() == null) {
                throw new IllegalArgumentException("a channel needs a type (" + List.of(ChannelType.values()).stream()
                        .map(ChannelType::id).collect(Collectors.joining(", ")) + ")");
            }
            boolean located = channel.url() != null && !channel.url().isBlank()
                    || channel.coordinates() != null && !channel.coordinates().isBlank();
            if (!located) {
                throw new IllegalArgumentException("the " + channel.type().id() + " channel needs a url"
                        + (channel.type() == ChannelType.DOWNLOAD ? " or Maven coordinates" : ""));
            }
        }
    }

    /** Nothing declared, nothing inferred. */
    public static ProducerDeclarations none() {
        return new ProducerDeclarations(List.of(), List.of(), null, false, false, null, null);
    }
}
