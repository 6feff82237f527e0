package dev.openaccess.core.cyclonedx;

import dev.openaccess.core.descriptor.Access;
import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.ChannelType;
import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.FineTuningNeed;
import dev.openaccess.core.descriptor.Inference;
import dev.openaccess.core.descriptor.ModelEntry;
import dev.openaccess.core.descriptor.Openness;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.descriptor.Training;
import dev.openaccess.core.openness.SpdxLicenses;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.ExternalReference;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.ModelCard;
import org.cyclonedx.model.component.modelCard.Considerations;
import org.cyclonedx.model.component.modelCard.ModelParameters;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * The descriptor as a CycloneDX 1.6 ML-BOM, generated with the CycloneDX core Java library.
 *
 * <ul>
 *   <li>{@code subject} → {@code metadata.component} (a library: group, name, version, purl, SHA-256), with the
 *       artifact-wide requirements, readiness and openness as {@code openaccess:*} properties, the licences of its
 *       code components as {@code licenses}, and the access channels with a URL as {@code externalReferences};</li>
 *   <li>{@code generator} → {@code metadata.tools};</li>
 *   <li>each {@code models[]} entry → a {@code machine-learning-model} component (bom-ref {@code model:<path>}) with
 *       its SHA-256, the final parameters' licence, a {@code modelCard} ({@code modelParameters.architectureFamily}
 *       from the family, {@code modelArchitecture} from the kind; {@code considerations.technicalLimitations} from
 *       the readiness blockers) and {@code openaccess:model:*} properties: parameter count, active parameters,
 *       quantization (the stored dtypes), format and the model's own inference memory.</li>
 * </ul>
 * The CycloneDX property taxonomy registers no names for model sizes, so they live in the {@code openaccess}
 * namespace. The output is reproducible ({@code cdx:reproducible}): no timestamp, and a serial number derived from
 * the subject's coordinates and digest.
 */
public final class CycloneDxExport {

    public static final Version VERSION = Version.VERSION_16;

    private CycloneDxExport() {
    }

    public static byte[] toJson(Descriptor descriptor) {
        try {
            String json = BomGeneratorFactory.createJson(VERSION, toBom(descriptor)).toJsonString(true);
            return (json.endsWith("\n") ? json : json + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (GeneratorException e) {
            throw new IllegalStateException("cannot write the CycloneDX BOM: " + e.getMessage(), e);
        }
    }

    public static Bom toBom(Descriptor descriptor) {
        Bom bom = new Bom();
        Subject subject = descriptor.subject();
        String identity = subject.groupId() + ":" + subject.artifactId() + ":" + subject.version() + ":"
                + (subject.sha256() == null ? "" : subject.sha256());
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)));
        bom.setVersion(1);
        bom.setProperties(List.of(new Property("cdx:reproducible", "true")));

        Metadata metadata = new Metadata();
        metadata.setTimestamp(null); // the library stamps the time; a reproducible BOM has none
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName(descriptor.generator().name());
        tool.setVersion(descriptor.generator().version());
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        metadata.setComponent(subject(descriptor));
        bom.setMetadata(metadata);

        List<Component> models = new ArrayList<>();
        for (ModelEntry model : descriptor.models()) {
            models.add(model(descriptor, model));
        }
        bom.setComponents(models);
        return bom;
    }

    private static Component subject(Descriptor descriptor) {
        Subject subject = descriptor.subject();
        Component component = new Component();
        component.setType(Component.Type.LIBRARY);
        component.setBomRef("artifact:" + subject.groupId() + ":" + subject.artifactId() + ":" + subject.version());
        component.setGroup(subject.groupId());
        component.setName(subject.artifactId());
        component.setVersion(subject.version());
        component.setPurl("pkg:maven/" + subject.groupId() + "/" + subject.artifactId() + "@" + subject.version()
                + (subject.packaging() == null ? "" : "?type=" + subject.packaging()));
        if (subject.sha256() != null) {
            component.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, subject.sha256())));
        }
        List<Property> properties = new ArrayList<>();
        properties.add(new Property("openaccess:descriptor:schemaVersion", descriptor.schemaVersion()));
        Requirements requirements = descriptor.requirements();
        Inference inference = requirements.inference();
        properties.add(new Property("openaccess:inference:weightsBytes", Long.toString(inference.weightsBytes())));
        properties.add(new Property("openaccess:inference:kvCacheBytes", Long.toString(inference.kvCacheBytes())));
        properties.add(new Property("openaccess:inference:totalBytes", Long.toString(inference.totalBytes())));
        optional(properties, "openaccess:inference:minimumProfile", inference.minimumProfile());
        if (requirements.fineTuning() != null) {
            need(properties, "full", requirements.fineTuning().full());
            need(properties, "lora", requirements.fineTuning().lora());
            need(properties, "qlora", requirements.fineTuning().qlora());
        }
        if (requirements.training() != null) {
            properties.add(new Property("openaccess:training:flopsPerToken",
                    Long.toString(requirements.training().flopsPerToken())));
            if (requirements.training().flops() != null) {
                properties.add(new Property("openaccess:training:flops", requirements.training().flops().toString()));
                properties.add(new Property("openaccess:training:tokens", requirements.training().tokens().toString()));
            }
        }
        properties.add(new Property("openaccess:tier", descriptor.readiness().tier().id()));
        Openness openness = descriptor.openness();
        if (openness != null) {
            properties.add(new Property("openaccess:mofClass", openness.mofClass() == null ? "none"
                    : openness.mofClass()));
            properties.add(new Property("openaccess:osaid:compatible", Boolean.toString(openness.osaid()
                    .compatible())));
            component.setLicenses(licenses(openness, List.of("Model architecture", "Inference code",
                    "Training code")));
        }
        component.setProperties(properties);
        if (descriptor.access() != null) {
            List<ExternalReference> references = new ArrayList<>();
            for (Access.Channel channel : descriptor.access().channels()) {
                if (channel.url() == null) {
                    continue;
                }
                ExternalReference reference = new ExternalReference();
                reference.setUrl(channel.url());
                reference.setType(channel.type() == ChannelType.DOWNLOAD ? ExternalReference.Type.DISTRIBUTION
                        : ExternalReference.Type.OTHER);
                reference.setComment(channel.type().id() + (channel.terms() == null ? "" : "; terms: " + channel.terms()));
                references.add(reference);
            }
            if (!references.isEmpty()) {
                component.setExternalReferences(references);
            }
        }
        return component;
    }

    private static Component model(Descriptor descriptor, ModelEntry model) {
        Component component = new Component();
        component.setType(Component.Type.MACHINE_LEARNING_MODEL);
        component.setBomRef("model:" + model.path());
        component.setName(model.path());
        if (model.sha256() != null) {
            component.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, model.sha256())));
        }
        List<Property> properties = new ArrayList<>();
        properties.add(new Property("openaccess:model:format", model.format()));
        properties.add(new Property("openaccess:model:parameterCount", Long.toString(model.parameters().total())));
        properties.add(new Property("openaccess:model:activeParameterCount",
                Long.toString(model.parameters().active())));
        properties.add(new Property("openaccess:model:quantization", String.join(",",
                model.parameters().byDtype().keySet())));
        properties.add(new Property("openaccess:model:parametersExact", Boolean.toString(model.parameters()
                .exact())));
        if (model.weightsBytes() != null) {
            properties.add(new Property("openaccess:model:weightsBytes", Long.toString(model.weightsBytes())));
        }
        if (model.loading() != null) {
            // loading a pickle runs what it imports: the ML-BOM says so beside the counts
            properties.add(new Property("openaccess:model:loading", model.loading().kind()));
            if (!model.loading().imports().isEmpty()) {
                properties.add(new Property("openaccess:model:loadingImports",
                        String.join(",", model.loading().imports())));
            }
        }
        descriptor.requirements().models().stream().filter(m -> m.path().equals(model.path())).findFirst()
                .ifPresent(alone -> properties.add(new Property("openaccess:inference:totalBytes",
                        Long.toString(alone.inference().totalBytes()))));
        component.setProperties(properties);

        ModelCard card = new ModelCard();
        card.setBomRef("model-card:" + model.path());
        Architecture architecture = model.architecture();
        if (architecture != null && (architecture.family() != null || architecture.kind() != null)) {
            ModelParameters parameters = new ModelParameters();
            parameters.setArchitectureFamily(architecture.family());
            parameters.setModelArchitecture(architecture.kind());
            card.setModelParameters(parameters);
        }
        if (!descriptor.readiness().blockers().isEmpty()) {
            Considerations considerations = new Considerations();
            considerations.setTechnicalLimitations(descriptor.readiness().blockers());
            card.setConsiderations(considerations);
        }
        component.setModelCard(card);
        if (descriptor.openness() != null) {
            component.setLicenses(licenses(descriptor.openness(), List.of("Model parameters (Final)")));
        }
        return component;
    }

    private static void need(List<Property> properties, String method, FineTuningNeed need) {
        properties.add(new Property("openaccess:fineTuning:" + method + ":totalBytes", Long.toString(need
                .totalBytes())));
        optional(properties, "openaccess:fineTuning:" + method + ":minimumProfile", need.minimumProfile());
    }

    private static void optional(List<Property> properties, String name, String value) {
        if (value != null) {
            properties.add(new Property(name, value));
        }
    }

    /** The licence of the first named component that has one: an SPDX id, an expression, or a named licence. */
    private static LicenseChoice licenses(Openness openness, List<String> componentNames) {
        Optional<Openness.Component> licensed = componentNames.stream()
                .flatMap(name -> openness.components().stream().filter(c -> c.name().equals(name)))
                .filter(c -> c.released() && c.license() != null).findFirst();
        if (licensed.isEmpty()) {
            return null;
        }
        String id = licensed.get().license();
        LicenseChoice choice = new LicenseChoice();
        if (id.contains(" AND ") || id.contains(" OR ") || id.contains(" WITH ")) {
            choice.setExpression(new Expression(id));
            return choice;
        }
        Openness.License assessed = openness.licenses().stream().filter(l -> l.id().equals(id)).findFirst()
                .orElse(null);
        License license = new License();
        Optional<String> spdxId = SpdxLicenses.list().byId(id).map(SpdxLicenses.SpdxLicense::id);
        if (spdxId.isPresent()) {
            license.setId(spdxId.get()); // CycloneDX checks ids against the SPDX list: only real ones go here
        } else {
            license.setName(assessed != null && assessed.name() != null ? assessed.name() : id);
        }
        license.setProperties(List.of(new Property("openaccess:licenseClass", licensed.get().licenseClass().id())));
        choice.setLicenses(List.of(license));
        return choice;
    }

    /** The property {@code name} of a component, for readers of the export. */
    public static Optional<String> property(Component component, String name) {
        return component.getProperties() == null ? Optional.empty() : component.getProperties().stream()
                .filter(p -> p.getName().equals(name)).map(Property::getValue).findFirst();
    }

}
