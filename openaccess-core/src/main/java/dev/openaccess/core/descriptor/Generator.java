package dev.openaccess.core.descriptor;

/** The tool that wrote a descriptor. */
public record Generator(String name, String version) {
}
