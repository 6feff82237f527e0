package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.descriptor.DescriptorException;
import dev.openaccess.core.descriptor.DescriptorJson;
import dev.openaccess.core.descriptor.Subject;
import dev.openaccess.core.digest.Sha256;
import dev.openaccess.core.policy.DependencyVerdict.Status;
import dev.openaccess.core.policy.DependencyVerdict.Summary;
import dev.openaccess.core.policy.DependencyVerdict.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A consumer's rules, and the judgement of one dependency's descriptor against them. The descriptor is untrusted:
 * it is validated against the schema before use, must describe the artifact it sits beside (coordinates and, when
 * both are known, SHA-256), and none of its fields is used to build a path or a URL.
 */
public record Policy(List<PolicyRule> rules) {

    public Policy {
        rules = List.copyOf(rules);
    }

    /**
     * Judges the descriptor found for {@code artifact}.
     *
     * @param groupId      the dependency's coordinates, the version its base version for a snapshot
     * @param artifactFile the dependency's own file, to compare its digest; null when not at hand
     */
    public DependencyVerdict judge(String groupId, String artifactId, String version, Path artifactFile,
                                   Path descriptorFile) {
        String coordinates = groupId + ":" + artifactId + ":" + version;
        Descriptor descriptor;
        try (InputStream in = Files.newInputStream(descriptorFile)) {
            descriptor = DescriptorJson.read(in, coordinates + " descriptor");
        } catch (DescriptorException e) {
            return new DependencyVerdict(coordinates, Status.INVALID, e.getMessage(), null, List.of());
        } catch (IOException e) {
            return new DependencyVerdict(coordinates, Status.INVALID, "cannot read the descriptor: " + e.getMessage(),
                    null, List.of());
        }
        Optional<String> mismatch = mismatch(descriptor.subject(), groupId, artifactId, version, artifactFile);
        if (mismatch.isPresent()) {
            return new DependencyVerdict(coordinates, Status.MISMATCH, mismatch.get(), summary(descriptor), List.of());
        }
        List<Violation> violations = new ArrayList<>();
        for (PolicyRule rule : rules) {
            rule.violation(descriptor).ifPresent(message -> violations.add(new Violation(rule.describe(), message)));
        }
        return new DependencyVerdict(coordinates, violations.isEmpty() ? Status.PASS : Status.VIOLATION, null,
                summary(descriptor), violations);
    }

    /** A verdict for a dependency whose descriptor could not be had. */
    public static DependencyVerdict unavailable(String coordinates, Status status, String detail) {
        return new DependencyVerdict(coordinates, status, detail, null, List.of());
    }

    private static Optional<String> mismatch(Subject subject, String groupId, String artifactId, String version,
                                             Path artifactFile) {
        String described = subject.groupId() + ":" + subject.artifactId() + ":" + subject.version();
        if (!subject.groupId().equals(groupId) || !subject.artifactId().equals(artifactId)
                || !subject.version().equals(version)) {
            return Optional.of("the descriptor describes " + described + ", not the artifact it is published beside");
        }
        if (subject.sha256() != null && artifactFile != null && Files.isRegularFile(artifactFile)) {
            try {
                String actual = Sha256.of(artifactFile);
                if (!actual.equals(subject.sha256())) {
                    return Optional.of("the descriptor describes an artifact with SHA-256 " + subject.sha256()
                            + ", but " + artifactFile.getFileName() + " has " + actual);
                }
            } catch (IOException e) {
                return Optional.of("cannot read " + artifactFile.getFileName() + " to compare its digest: "
                        + e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static Summary summary(Descriptor descriptor) {
        long parameters = descriptor.models().stream().mapToLong(model -> model.parameters().total()).sum();
        return new Summary(parameters, descriptor.requirements().inference().totalBytes(),
                descriptor.readiness().tier(), Weights.of(descriptor).map(weights -> weights.license()).orElse(null),
                descriptor.openness() == null ? null : descriptor.openness().mofClass());
    }
}
