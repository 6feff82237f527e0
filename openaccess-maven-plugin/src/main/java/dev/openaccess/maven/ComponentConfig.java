package dev.openaccess.maven;

import dev.openaccess.core.openness.ProducerDeclarations.DeclaredComponent;

/**
 * A {@code <component>} of the pom: a part of the AI artifact by its Model Openness Framework name.
 * <pre>{@code
 * <component>
 *   <name>Training code</name>
 *   <license>Apache-2.0</license>
 *   <location>https://github.com/example/model</location>
 * </component>
 * }</pre>
 * {@code released} defaults to true; a released component without a {@code license} is under the pom's own.
 */
public class ComponentConfig {

    private String name;
    private Boolean released;
    private String license;
    private String location;

    DeclaredComponent toDeclared() {
        return new DeclaredComponent(name == null ? null : name.trim(), released, blankToNull(license),
                blankToNull(location));
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
