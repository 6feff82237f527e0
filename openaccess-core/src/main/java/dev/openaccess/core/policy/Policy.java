package dev.openaccess.core.policy;

import dev.openaccess.core.descriptor.Descriptor;
import dev.openaccess.core.policy.DependencyVerdict.Summary;
import dev.openaccess.core.policy.DependencyVerdict.Violation;
import java.util.ArrayList;
import java.util.List;

/** A consumer's rules for the AI artifacts it depends on; {@link DependencyJudge} applies them to each dependency. */
public record Policy(List<PolicyRule> rules) {

    public Policy {
        rules = List.copyOf(rules);
    }

    /** The rules {@code descriptor} breaks, each with the numbers that break it. */
    public List<Violation> violations(Descriptor descriptor) {
        List<Violation> violations = new ArrayList<>();
        for (PolicyRule rule : rules) {
            rule.violation(descriptor).ifPresent(message -> violations.add(new Violation(rule.describe(), message)));
        }
        return violations;
    }

    /** The figures of {@code descriptor} that the report's table shows. */
    static Summary summary(Descriptor descriptor) {
        long parameters = descriptor.models().stream().mapToLong(model -> model.parameters().total()).sum();
        return new Summary(parameters, descriptor.requirements().inference().totalBytes(),
                descriptor.readiness().tier().id(), Weights.of(descriptor).map(weights -> weights.license()).orElse(null),
                descriptor.openness() == null ? null : descriptor.openness().mofClass());
    }
}
