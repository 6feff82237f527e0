package dev.openaccess.core.descriptor;

import java.util.List;

/**
 * The channels through which the model can be used.
 *
 * @param channels declared in the build, or inferred (the artifact itself, published to a Maven repository)
 */
public record Access(List<Channel> channels) {

    public Access {
        channels = List.copyOf(channels);
    }

    /**
     * One way to reach the model.
     *
     * @param type             how: a download, a gated download, a hosted API or a research program
     * @param url              where: the download, the endpoint, the program's page
     * @param terms            the terms of use or approval, in words or as a URL
     * @param coordinates      Maven coordinates ({@code groupId:artifactId:version[:classifier]}) of a download
     * @param authentication   how a hosted API authenticates ({@code api-key}, {@code oauth2}, ...)
     * @param freeResearchTier whether a hosted API or program is free for research
     * @param eligibility      who may apply (research programs, gated downloads)
     * @param inferred         true when the build inferred the channel rather than the pom declaring it
     */
    public record Channel(ChannelType type, String url, String terms, String coordinates, String authentication,
                          Boolean freeResearchTier, String eligibility, Boolean inferred) {
    }
}
