package dev.openaccess.maven;

import dev.openaccess.core.openness.PomLicenses;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Resolves an artifact named by coordinates through Maven Resolver, from the repositories the build knows
 * (mirrors, proxies and credentials from the user's settings apply), with the local repository as the cache.
 */
final class RemoteArtifacts {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    RemoteArtifacts(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    /** {@code groupId:artifactId:version[:classifier]}, a jar. */
    static Artifact parse(String coordinates) throws MojoExecutionException {
        String[] parts = coordinates.trim().split(":", -1);
        boolean blank = Arrays.stream(parts).anyMatch(String::isBlank);
        if (parts.length < 3 || parts.length > 4 || blank) {
            throw new MojoExecutionException("openaccess: openaccess.artifact '" + coordinates
                    + "' is not groupId:artifactId:version[:classifier]");
        }
        return new DefaultArtifact(parts[0], parts[1], parts.length == 4 ? parts[3] : "", "jar", parts[2]);
    }

    /**
     * The licences the artifact's pom declares, or its parents' (the nearest pom that declares any), read from the
     * poms in the repository; empty when none declares one or a pom cannot be had.
     */
    List<PomLicenses.PomLicense> licenses(Artifact artifact) {
        return licenses(artifact, pom -> {
            try {
                return Optional.of(resolve(pom).getFile().toPath());
            } catch (MojoExecutionException e) {
                return Optional.empty();
            }
        });
    }

    /** Where a pom is, when it can be had: resolved from the repositories, or found in the local repository only. */
    @FunctionalInterface
    interface PomFiles {
        Optional<Path> find(Artifact pom);
    }

    /**
     * The licences {@code artifact}'s pom declares, or the nearest parent's that declares any, with the poms taken
     * from {@code poms}; empty when none declares one or a pom cannot be had.
     */
    static List<PomLicenses.PomLicense> licenses(Artifact artifact, PomFiles poms) {
        Artifact pom = new DefaultArtifact(artifact.getGroupId(), artifact.getArtifactId(), "", "pom",
                artifact.getVersion());
        for (int depth = 0; depth < MAX_PARENTS && pom != null; depth++) {
            try {
                Optional<Path> file = poms.find(pom);
                if (file.isEmpty()) {
                    return List.of();
                }
                Document document = parse(file.get());
                List<PomLicenses.PomLicense> licenses = new ArrayList<>();
                for (Element license : children(child(document.getDocumentElement(), "licenses"), "license")) {
                    licenses.add(new PomLicenses.PomLicense(text(license, "name"), text(license, "url")));
                }
                if (!licenses.isEmpty()) {
                    return licenses;
                }
                Element parent = child(document.getDocumentElement(), "parent");
                pom = parent == null ? null : new DefaultArtifact(text(parent, "groupId"),
                        text(parent, "artifactId"), "", "pom", text(parent, "version"));
            } catch (IOException | SAXException | IllegalArgumentException e) {
                return List.of(); // no licence known is what the descriptor then says
            }
        }
        return List.of();
    }

    private static final int MAX_PARENTS = 10;

    /**
     * Pom parsers, one per thread (a parser is not thread-safe; finding the platform's factory costs milliseconds, too
     * much to pay for every pom of a large build). No DTDs or external entities: poms in a repository come from
     * strangers.
     */
    private static final ThreadLocal<DocumentBuilder> POM_PARSERS = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the platform's XML parser refuses secure settings", e);
        }
    });

    private static Document parse(Path pom) throws IOException, SAXException {
        DocumentBuilder parser = POM_PARSERS.get();
        parser.reset();
        try (InputStream in = Files.newInputStream(pom)) {
            return parser.parse(in);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName() != null
                    ? element.getLocalName() : element.getTagName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().trim();
    }

    /** The artifact's file in the local repository, downloaded first if needed. */
    Artifact resolve(Artifact artifact) throws MojoExecutionException {
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null)).getArtifact();
        } catch (ArtifactResolutionException e) {
            String where = repositories.stream().map(r -> r.getId() + " (" + r.getUrl() + ")")
                    .collect(Collectors.joining(", "));
            throw new MojoExecutionException("openaccess: cannot resolve " + artifact + (session.isOffline()
                    ? " offline from the local repository" : " from " + where) + ": " + e.getMessage(), e);
        }
    }
}
