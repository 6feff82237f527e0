package dev.openaccess.core.openness;

import dev.openaccess.core.descriptor.Access;
import dev.openaccess.core.descriptor.ChannelType;
import dev.openaccess.core.descriptor.LicenseClass;
import dev.openaccess.core.descriptor.Openness;
import dev.openaccess.core.openness.ProducerDeclarations.DeclaredComponent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The openness half of access readiness: the components the producer declares, completed from the build (the model
 * files found are the final parameters, released in the artifact; the pom's licence covers them and the project's
 * own code), their licences classified, the Model Openness Framework class and the OSI Open Source AI Definition.
 */
public final class OpennessAssessor {

    /** The openness of the artifact and the channels through which it can be used. */
    public record Result(Openness openness, Access access) {
    }

    private final LicenseClassifier classifier = new LicenseClassifier();

    /**
     * @param coordinates {@code groupId:artifactId:version} of the artifact, where inferred components and the
     *                    inferred download channel point
     * @param hasModels   whether model files were found in the artifact
     */
    public Result assess(ProducerDeclarations declarations, String coordinates, boolean hasModels) {
        Map<MofComponent, Openness.Component> components = new EnumMap<>(MofComponent.class);
        String distribution = declarations.distributionLicense();
        for (DeclaredComponent declared : declarations.components()) {
            MofComponent component = MofComponent.byName(declared.name()).orElseThrow();
            boolean released = declared.released() == null || declared.released();
            boolean licenseInferred = declared.license() == null && released && distribution != null;
            String license = declared.license() != null ? declared.license() : released ? distribution : null;
            components.put(component, component(component, released, license, declared.location(),
                    licenseInferred ? Boolean.TRUE : null));
        }
        if (declarations.infer()) {
            if (hasModels) {
                // The weights found in the artifact are released with it, under its licence.
                components.putIfAbsent(MofComponent.MODEL_PARAMETERS_FINAL, component(
                        MofComponent.MODEL_PARAMETERS_FINAL, true, distribution, coordinates, true));
            }
            if (declarations.shipsCode() && distribution != null) {
                // The project's own code runs the model it ships: inference code under the pom's licence.
                components.putIfAbsent(MofComponent.INFERENCE_CODE, component(MofComponent.INFERENCE_CODE, true,
                        distribution, coordinates, true));
            }
        }

        Map<MofComponent, ComponentStatus> statuses = new EnumMap<>(MofComponent.class);
        Map<String, Openness.License> licenses = new LinkedHashMap<>();
        components.forEach((component, entry) -> {
            Openness.License license = entry.license() == null ? null
                    : licenses.computeIfAbsent(entry.license(), classifier::classify);
            statuses.put(component, new ComponentStatus(component, entry.released(), entry.license(),
                    license == null ? null : license.licenseClass(),
                    license != null && classifier.osiApproved(entry.license())));
        });
        MofClassifier.Result mof = new MofClassifier().classify(statuses);
        Openness openness = new Openness(new ArrayList<>(components.values()), new ArrayList<>(licenses.values()),
                mof.mofClass(), mof.gaps(), new OsaidCheck().check(statuses));
        return new Result(openness, new Access(channels(declarations, coordinates, hasModels)));
    }

    private Openness.Component component(MofComponent component, boolean released, String license, String location,
                                         Boolean inferred) {
        LicenseClass licenseClass = license == null ? null : classifier.classify(license).licenseClass();
        return new Openness.Component(component.displayName(), released, license, location, licenseClass, inferred);
    }

    /** The declared channels and, when the pom declares no download, the artifact itself on its repository. */
    private static List<Access.Channel> channels(ProducerDeclarations declarations, String coordinates,
                                                 boolean hasModels) {
        List<Access.Channel> channels = new ArrayList<>(declarations.channels());
        boolean declaresDownload = channels.stream().anyMatch(channel -> channel.type() == ChannelType.DOWNLOAD);
        if (declarations.infer() && hasModels && !declaresDownload && coordinates != null) {
            channels.add(new Access.Channel(ChannelType.DOWNLOAD, null, null, coordinates, null, null, null, true));
        }
        return channels;
    }
}
