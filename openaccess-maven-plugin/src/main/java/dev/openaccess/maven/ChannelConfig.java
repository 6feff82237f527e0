package dev.openaccess.maven;

import dev.openaccess.core.descriptor.Access;
import dev.openaccess.core.descriptor.ChannelType;

/**
 * A {@code <channel>} of the pom: a way to reach the model.
 * <pre>{@code
 * <channel>
 *   <type>hosted-api</type>
 *   <url>https://api.example.org/v1</url>
 *   <terms>https://example.org/terms</terms>
 *   <authentication>api-key</authentication>
 *   <freeResearchTier>true</freeResearchTier>
 * </channel>
 * }</pre>
 * {@code type} is {@code download} (with a url or Maven {@code coordinates}), {@code gated-download} (with the
 * approval {@code terms} and {@code eligibility}), {@code hosted-api} or {@code research-program} (who may apply in
 * {@code eligibility}).
 */
public class ChannelConfig {

    private String type;
    private String url;
    private String terms;
    private String coordinates;
    private String authentication;
    private Boolean freeResearchTier;
    private String eligibility;

    Access.Channel toChannel() {
        return new Access.Channel(type == null || type.isBlank() ? null : ChannelType.parse(type),
                ComponentConfig.blankToNull(url),
                ComponentConfig.blankToNull(terms), ComponentConfig.blankToNull(coordinates),
                ComponentConfig.blankToNull(authentication), freeResearchTier,
                ComponentConfig.blankToNull(eligibility), null);
    }
}
