package dev.openaccess.core.descriptor;

import java.util.List;

/**
 * The channels through which the model can be used.
 *
 * @param channels declared in the build, or inferred (the artifact itself, published to a Maven repository)
 */
public record Access(List<Channel> channels) {

    public static final String DOWNLOAD = "download";
    public static final String GATED_DOWNLOAD = "gated-download";
    public static final String HOSTED_API = "hosted-api";
    public static final String RESEARCH_PROGRAM = "research-program";
    public static final List<String> TYPES = List.of(DOWNLOAD, GATED_DOWNLOAD, HOSTED_API, RESEARCH_PROGRAM);

    public Access {
        channels = List.copyOf(channels);
    }

    /**
     * One way to reach the model.
     *
     * @param type             {@code download}, {@code gated-download}, {@code hosted-api} or {@code research-program}
     * @param url              where: the download, the endpoint, the program's page
     * @param terms            the terms of use or approval, in words or as a URL
     * @param coordinates      Maven coordinates ({@code groupId:artifactId:version[:classifier]}) of a download
     * @param authentication   how a hosted API authenticates ({@code api-key}, {@code oauth2}, ...)
     * @param freeResearchTier whether a hosted API or program is free for research
     * @param eligibility      who may apply (research programs, gated downloads)
     * @param inferred         true when the build inferred the channel rather than the pom declaring it
     */
    public record Channel(String type, String url, String terms, String coordinates, String authentication,
                          Boolean freeResearchTier, String eligibility, Boolean inferred) {
    }
}
